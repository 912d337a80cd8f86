/**
 * Memory over a long run, side by side: for each server (default restmachine then fastify), starts
 * it, drives the same mix of scenarios (users, profile, items, the conditional /doc, 404/405) with
 * wrk until BENCH_SOAK_REQUESTS responses (default 1,000,000) have come back, samples the server's
 * RSS every second, and reports the RSS once the last response is in, the peak, and whether the
 * floor stays flat (the lowest RSS, the heap after collection, of the first and the last third).
 *
 *   npm run bench:soak                                  # 1M requests, restmachine and fastify
 *   BENCH_SOAK_REQUESTS=200000 BENCH_SOAK_SERVERS=restmachine npm run bench:soak
 *
 * Writes the `soak` kept section of bench/RESULTS.md unless BENCH_SOAK_WRITE=0.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { prepareServer } from './lib/build.js'
import { withKeptSection } from './lib/kept-sections.js'
import { wrkScript } from './lib/load.js'
import { SCENARIOS } from './lib/plan.js'
import { resetPeakRss, sleep, statusKb } from './lib/proc.js'
import { table } from './lib/report.js'
import { BENCH_DIR, startServer } from './lib/servers.js'
import { mintToken, PATHS } from './scenarios.js'

const target = Number(process.env.BENCH_SOAK_REQUESTS ?? 1_000_000)
const servers = (process.env.BENCH_SOAK_SERVERS ?? 'restmachine,fastify').split(',').filter(Boolean)
/** wrk's own time limit: a server that stalls ends the soak instead of hanging it. */
const capSeconds = Number(process.env.BENCH_SOAK_MAX_SECONDS ?? 900)

interface Soak {
  server: string
  requests: number
  seconds: number
  /** RSS once the last response is in, MB */
  finalMb: number
  peakMb: number
  earlyFloorMb: number
  lateFloorMb: number
  /** every tenth one-second sample */
  samples: string
}

/**
 * The harness's mix script, whose thread stops once `count` responses have been read and says so:
 * wrk's main thread sleeps for the whole `-d` either way, so the harness interrupts it (SIGINT,
 * after which wrk prints its summary) when it reads the line.
 */
function stoppingScript(mix: string, count: number): string {
  return [
    mix,
    'local answered = 0',
    'response = function(status, headers, body)',
    '  answered = answered + 1',
    `  if answered == ${count} then`,
    '    wrk.thread:stop()',
    "    io.write('SOAK_DONE\\n')",
    '    io.flush()',
    '  end',
    'end',
    '',
  ].join('\n')
}

async function soak(name: string): Promise<Soak> {
  const launch = await prepareServer(name)
  const server = await startServer(name, { launch, cpu: 1 })
  const base = `http://127.0.0.1:${server.port}`
  try {
    const etag = (await fetch(`${base}${PATHS.doc}`)).headers.get('etag')
    const inputs = { token: await mintToken(), etag }
    const requests = SCENARIOS.filter(
      (s) => s.id !== 'hello' && s.id !== 'doc-200' && s.id !== 'doc-gzip',
    ).flatMap((s) => s.requests(inputs))
    const dir = mkdtempSync(path.join(tmpdir(), 'soak-'))
    const script = path.join(dir, 'mix.lua')
    writeFileSync(script, stoppingScript(wrkScript(requests), target))
    resetPeakRss(server.pid)
    const wrk = spawn('taskset', ['-c', '0', 'wrk', '-t1', '-c50', `-d${capSeconds}s`, '-s', script, base], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    wrk.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('SOAK_DONE')) wrk.kill('SIGINT')
    })
    const exited = new Promise((resolve) => wrk.once('exit', resolve))
    const samples: { at: number; rssMb: number }[] = []
    const started = Date.now()
    while (wrk.exitCode === null) {
      await Promise.race([sleep(1000), exited])
      const rss = statusKb(server.pid, 'VmRSS')
      if (rss !== null) samples.push({ at: (Date.now() - started) / 1000, rssMb: rss / 1024 })
    }
    const seconds = (Date.now() - started) / 1000
    const finalMb = (statusKb(server.pid, 'VmRSS') ?? Number.NaN) / 1024
    const peakMb = (statusKb(server.pid, 'VmHWM') ?? Number.NaN) / 1024
    const answered = Number(/(\d+) requests in/.exec(output)?.[1] ?? Number.NaN)
    if (!(answered >= target)) throw new Error(`${name}: wrk stopped after ${answered} of ${target} requests`)
    const third = Math.max(1, Math.floor(samples.length / 3))
    // The floor (minimum) of each third is the heap after collection: a leak raises it, GC noise does not.
    const floor = (xs: { rssMb: number }[]) => Math.min(...xs.map((x) => x.rssMb))
    return {
      server: name,
      requests: answered,
      seconds,
      finalMb,
      peakMb,
      earlyFloorMb: floor(samples.slice(Math.min(5, samples.length - 1), 5 + third)),
      lateFloorMb: floor(samples.slice(-third)),
      samples: samples
        .filter((_, i) => i % 10 === 9)
        .map((s) => `${Math.round(s.at)} s: ${s.rssMb.toFixed(1)} MB`)
        .join(' · '),
    }
  } finally {
    await server.stop()
  }
}

const results: Soak[] = []
for (const name of servers) {
  console.error(`soak: ${name}, ${target.toLocaleString('en-US')} requests`)
  results.push(await soak(name))
}
const mb = (n: number) => n.toFixed(1)
const [subject, ...peers] = results
const section = [
  '## Memory over a long run, side by side',
  '',
  `The same mix of every scenario (users, profile, items, conditional /doc, 404/405) with wrk, one thread, 50 connections, until ${target.toLocaleString('en-US')} responses are in; one server after the other, each on CPU 1 with wrk on CPU 0; RSS sampled every second (\`npm run bench:soak\`, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC). The floor is the lowest RSS (the heap after collection) of the first third after a 5 s warm-up and of the last third: a leak raises it, collection noise does not.`,
  '',
  table(
    [
      'server',
      'requests',
      'seconds',
      'RSS at the end MB',
      'peak RSS MB',
      'floor first third MB',
      'floor last third MB',
    ],
    results.map((r) => [
      r.server,
      r.requests.toLocaleString('en-US'),
      r.seconds.toFixed(0),
      mb(r.finalMb),
      mb(r.peakMb),
      mb(r.earlyFloorMb),
      mb(r.lateFloorMb),
    ]),
    ['l'],
  ),
  '',
  ...(subject
    ? peers.map(
        (p) =>
          `${subject.server} ÷ ${p.server}: RSS at the end ${(subject.finalMb / p.finalMb).toFixed(2)}×, peak ${(subject.peakMb / p.peakMb).toFixed(2)}× (< 1 = ${subject.server} holds less).`,
      )
    : []),
  '',
  ...results.flatMap((r) => [`${r.server}, every tenth sample: ${r.samples}`, '']),
].join('\n')
console.log(section)
if (process.env.BENCH_SOAK_WRITE !== '0') {
  const file = path.join(BENCH_DIR, 'RESULTS.md')
  writeFileSync(file, withKeptSection(existsSync(file) ? readFileSync(file, 'utf8') : '', 'soak', section))
}
