/**
 * Memory over a long run: starts one server (default restmachine), drives a mix of every scenario
 * (users, profile, items, the conditional /doc, 404/405) with wrk for BENCH_SOAK_SECONDS (default
 * 60), samples the server's RSS every second and reports whether it stays flat: the growth of the
 * lowest RSS (the heap after collection) between the first and the last third of the run.
 *
 *   npx tsx bench/soak.ts            # BENCH_SOAK_SERVER=fastify to compare a peer
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { prepareServer } from './lib/build.js'
import { withKeptSection } from './lib/kept-sections.js'
import { wrkScript } from './lib/load.js'
import { SCENARIOS } from './lib/plan.js'
import { sleep, statusKb } from './lib/proc.js'
import { BENCH_DIR, startServer } from './lib/servers.js'
import { mintToken, PATHS } from './scenarios.js'

const seconds = Number(process.env.BENCH_SOAK_SECONDS ?? 60)
const name = process.env.BENCH_SOAK_SERVER ?? 'restmachine'

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
  writeFileSync(script, wrkScript(requests))
  const wrk = spawn('taskset', ['-c', '0', 'wrk', '-t1', '-c50', `-d${seconds}s`, '-s', script, base], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  wrk.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const samples: { at: number; rssMb: number }[] = []
  const started = Date.now()
  while (wrk.exitCode === null && Date.now() - started < (seconds + 10) * 1000) {
    await sleep(1000)
    const rss = statusKb(server.pid, 'VmRSS')
    if (rss !== null) samples.push({ at: Math.round((Date.now() - started) / 1000), rssMb: rss / 1024 })
  }
  if (wrk.exitCode === null) await new Promise((resolve) => wrk.once('exit', resolve))
  const third = Math.max(1, Math.floor(samples.length / 3))
  // The floor (minimum) of each third is the heap after collection: a leak raises it, GC noise does not.
  const floor = (xs: { rssMb: number }[]) => Math.min(...xs.map((x) => x.rssMb))
  const early = floor(samples.slice(5, 5 + third))
  const late = floor(samples.slice(-third))
  const requestsLine = /(\d+) requests in/.exec(output)?.[1] ?? '?'
  const section = [
    `## Memory over a long run (${name})`,
    '',
    `${seconds} s of every scenario mixed (users, profile, items, conditional /doc, 404/405) with wrk, 50 connections; ${requestsLine} requests; RSS sampled every second (every tenth shown) (\`npm run bench:soak\`, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC).`,
    '',
    samples
      .filter((_, i) => i % 10 === 9)
      .map((s) => `${s.at} s: ${s.rssMb.toFixed(1)} MB`)
      .join(' · '),
    '',
    `Lowest RSS (the heap after collection) in the first third after a 5 s warm-up: ${early.toFixed(1)} MB; in the last third: ${late.toFixed(1)} MB; growth ${(late - early).toFixed(1)} MB.`,
  ].join('\n')
  console.log(section)
  if (process.env.BENCH_SOAK_WRITE !== '0') {
    const file = path.join(BENCH_DIR, 'RESULTS.md')
    writeFileSync(
      file,
      withKeptSection(existsSync(file) ? readFileSync(file, 'utf8') : '', `soak-${name}`, section),
    )
  }
} finally {
  await server.stop()
}
