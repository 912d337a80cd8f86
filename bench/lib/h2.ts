/**
 * `npm run bench -- --h2`: the HTTP/2 bench. Makes a self-signed TLS pair, starts
 * restmachine-h2, fastify-h2 and node-http2 (each pinned to the server core), checks every
 * scenario over a node:http2 client, then drives each (server, scenario) cell with h2load in
 * alternating rounds (pinned to the load core) and writes bench/RESULTS-h2.md.
 * Knobs: the HTTP/1 ones (BENCH_ROUNDS, BENCH_DURATION, BENCH_WARMUP, BENCH_SCENARIOS, BENCH_PIN)
 * plus BENCH_H2_SERVERS, BENCH_H2_CONNECTIONS (default 10), BENCH_H2_STREAMS (default 10).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { prepareServer } from './build.js'
import { checkServer } from './checks.js'
import { loadConfig } from './config.js'
import { createH2Client } from './h2-client.js'
import { type H2Cell, type H2Run, h2Markdown } from './h2-report.js'
import { ensureH2load, type H2loadResult, runH2load } from './h2load.js'
import { type LoadInputs, type LoadRequest, scenarioNamed } from './plan.js'
import { cpuSeconds, machineInfo, pinProcess } from './proc.js'
import { BENCH_DIR, type RunningServer, startServer } from './servers.js'
import { ensureTlsFiles, TLS_DIR } from './tls.js'

export const H2_SERVERS = ['restmachine-h2', 'fastify-h2', 'node-http2'] as const
const OUTPUT = path.join(BENCH_DIR, 'RESULTS-h2.md')

function count(name: string, fallback: number): number {
  const n = Number(process.env[name] ?? fallback)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be an integer ≥ 1`)
  return n
}

/** h2load sends one method per run: a scenario mixing methods sends its non-GET one everywhere. */
export function h2Requests(requests: LoadRequest[]): LoadRequest[] {
  const other = requests.find((r) => r.method !== 'GET')
  return other === undefined ? requests : requests.map((r) => ({ ...r, method: other.method }))
}

const versionOf = (pkg: string): string => {
  try {
    return JSON.parse(readFileSync(path.join(BENCH_DIR, '..', 'node_modules', pkg, 'package.json'), 'utf8'))
      .version
  } catch {
    return '?'
  }
}

/** Each expected status's class as h2load counts it (2xx, 3xx, 4xx). */
const classes = (expected: number[]): ('2xx' | '3xx' | '4xx' | '5xx')[] =>
  (['2xx', '3xx', '4xx', '5xx'] as const).filter((c) =>
    expected.some((s) => `${Math.floor(s / 100)}xx` === c),
  )

export async function runH2Bench(log: (line: string) => void): Promise<void> {
  const t0 = performance.now()
  const config = loadConfig([])
  const machine = machineInfo()
  if (config.loadCpu !== undefined) pinProcess(process.pid, config.loadCpu)
  const h2load = ensureH2load(log)
  const tls = ensureTlsFiles()
  const names = (process.env.BENCH_H2_SERVERS?.split(',').map((s) => s.trim()) ?? [...H2_SERVERS]).filter(
    Boolean,
  )
  for (const n of names)
    if (!(H2_SERVERS as readonly string[]).includes(n))
      throw new Error(`unknown h2 server "${n}"; known: ${H2_SERVERS.join(', ')}`)
  const connections = count('BENCH_H2_CONNECTIONS', 10)
  const streams = count('BENCH_H2_STREAMS', 10)
  log(
    `h2load ${h2load}; servers: ${names.join(', ')}; scenarios: ${config.scenarios.join(', ')}; ` +
      `${config.rounds} round(s) × ${config.durationSec} s, -c ${connections} -m ${streams}`,
  )

  const client = createH2Client(readFileSync(tls.cert))
  const secret = new TextEncoder().encode(config.jwtSecret)
  const running = new Map<string, RunningServer>()
  const inputs = new Map<string, LoadInputs>()
  const servers: H2Run['servers'] = []
  const cells: H2Cell[] = []
  try {
    for (const name of names) {
      const info: H2Run['servers'][number] = { name, failures: {} }
      servers.push(info)
      try {
        const srv = await startServer(name, {
          launch: await prepareServer(name),
          cpu: config.serverCpu,
          env: { BENCH_JWT_SECRET: config.jwtSecret, BENCH_TLS_KEY: tls.key, BENCH_TLS_CERT: tls.cert },
        })
        running.set(name, srv)
        const outcome = await checkServer(`https://localhost:${srv.port}`, secret, client.send)
        info.failures = outcome.failures
        inputs.set(name, outcome.inputs)
        const failed = Object.keys(outcome.failures)
        log(
          `${name} ready on :${srv.port}; h2 checks: ${failed.length ? `FAILED ${failed.join(', ')}` : 'ok'}`,
        )
        for (const [id, msg] of Object.entries(outcome.failures)) log(`  ${id}: ${msg}`)
      } catch (err) {
        info.error = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)
        log(`${name} did not start: ${info.error}`)
      }
    }
    client.close()
    const live = names.filter((n) => running.has(n))
    for (const name of live)
      for (const id of config.scenarios) {
        const failed = servers.find((s) => s.name === name)?.failures[id]
        cells.push({ server: name, scenario: id, rounds: [], ...(failed ? { failed } : {}) })
      }

    for (let round = 0; round < config.rounds; round++) {
      for (const id of config.scenarios) {
        const scenario = scenarioNamed(id)
        const turn = round % Math.max(1, live.length)
        for (const name of [...live.slice(turn), ...live.slice(0, turn)]) {
          const cell = cells.find((c) => c.server === name && c.scenario === id)
          const srv = running.get(name)
          const input = inputs.get(name)
          if (!cell || !srv || !input) throw new Error(`${name}: no cell, process or inputs for ${id}`)
          if (cell.failed) continue
          const job = {
            base: `https://127.0.0.1:${srv.port}`,
            requests: h2Requests(scenario.requests(input)),
            connections,
            streams,
            cpu: config.loadCpu,
            workDir: path.join(TLS_DIR, '..', 'h2load'),
          }
          let r: H2loadResult
          let before: number | null
          let after: number | null
          try {
            if (round === 0 && config.warmupSec > 0)
              await runH2load({ ...job, durationSec: config.warmupSec })
            before = cpuSeconds(srv.pid)
            r = await runH2load({ ...job, durationSec: config.durationSec })
            after = cpuSeconds(srv.pid)
          } catch (err) {
            cell.failed = `round ${round + 1}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`
            log(
              `round ${round + 1}/${config.rounds} ${id.padEnd(8)} ${name.padEnd(14)} FAILED: ${cell.failed}`,
            )
            continue
          }
          const good = classes(scenario.expected).reduce((n, c) => n + r.status[c], 0)
          // h2load's status counts can exceed its `done` count by the streams in flight when -D ends
          const answered = r.status['2xx'] + r.status['3xx'] + r.status['4xx'] + r.status['5xx']
          const unexpected = answered - good + r.errored
          cell.rounds.push({
            rps: r.rps,
            requests: r.requests,
            meanUs: r.meanUs,
            maxUs: r.maxUs,
            unexpected,
            serverCpuSec: before !== null && after !== null ? after - before : null,
          })
          log(
            `round ${round + 1}/${config.rounds} ${id.padEnd(8)} ${name.padEnd(14)} ${Math.round(r.rps).toString().padStart(7)} req/s  ` +
              `mean ${(r.meanUs / 1000).toFixed(2)} ms${unexpected ? `  UNEXPECTED ${unexpected}/${r.requests}` : ''}`,
          )
        }
      }
    }
  } finally {
    client.close()
    await Promise.all([...running.values()].map((s) => s.stop()))
  }

  const run: H2Run = {
    date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    machine,
    h2load,
    versions: {
      restmachine: JSON.parse(readFileSync(path.join(BENCH_DIR, '..', 'package.json'), 'utf8')).version,
      fastify: versionOf('fastify'),
    },
    rounds: config.rounds,
    durationSec: config.durationSec,
    warmupSec: config.warmupSec,
    connections,
    streams,
    pinned:
      config.serverCpu === undefined
        ? 'not pinned'
        : `servers pinned to CPU ${config.serverCpu}, h2load to CPU ${config.loadCpu} (taskset)`,
    servers,
    cells,
    wallSec: (performance.now() - t0) / 1000,
  }
  const markdown = h2Markdown(run)
  writeFileSync(OUTPUT, markdown)
  console.log(`\n${markdown}`)
  log(`wrote ${path.relative(path.join(BENCH_DIR, '..'), OUTPUT)}`)
}
