/**
 * `npm run bench -- --bun`: RestMachine's `app.fetch` under `Bun.serve`, beside Hono (the same app
 * as on Node, `Bun.serve({ fetch })`) and Elysia on Bun, and raw `Bun.serve` when its server file
 * exists. Same scenarios, same checks (checks.ts), same load generator, same pinning and the same
 * alternating rounds as the Node run; each server is run by `bun <file>.ts` (Bun transpiles the
 * TypeScript itself), pinned with taskset. Results go to bench/RESULTS-bun.md (see decision 0485).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { bunResultsMarkdown } from './bun-report.js'
import { checkServer } from './checks.js'
import { loadConfig } from './config.js'
import { createLoadTool, type LoadTool } from './load.js'
import { type LoadInputs, scenarioNamed } from './plan.js'
import { cpuBusySeconds, cpuSeconds, machineInfo, pinProcess, resetPeakRss, statusKb } from './proc.js'
import type { Cell, RoundResult, ServerInfo } from './report.js'
import { BENCH_DIR, type RunningServer, serverExists, serverFile, startServer } from './servers.js'

/** The Bun mode's servers, in report order: the subject, the physical floor, the two anchors. */
export const BUN_SERVERS = ['bun-restmachine', 'bun-serve', 'bun-hono', 'bun-elysia'] as const

/** The `bun` binary the `bun` devDependency installs. */
export const BUN_BIN = path.resolve(BENCH_DIR, '..', 'node_modules', '.bin', 'bun')

const packageVersion = (name: string): string => {
  try {
    const file = path.resolve(BENCH_DIR, '..', 'node_modules', name, 'package.json')
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
  } catch {
    return 'not installed'
  }
}

/** One measured round of one cell, as run.ts measures it on Node. */
async function measure(
  tool: LoadTool,
  srv: RunningServer,
  job: Parameters<LoadTool['run']>[0],
  serverCpu: number | undefined,
): Promise<RoundResult> {
  resetPeakRss(srv.pid)
  const cpuBefore = cpuSeconds(srv.pid)
  const coreBefore = serverCpu === undefined ? null : cpuBusySeconds(serverCpu)
  const started = performance.now()
  const r = await tool.run(job)
  const wall = (performance.now() - started) / 1000
  const cpuAfter = cpuSeconds(srv.pid)
  const coreAfter = serverCpu === undefined ? null : cpuBusySeconds(serverCpu)
  const cpu = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null
  return {
    rps: r.rps,
    requests: r.requests,
    p50Us: r.p50Us,
    p99Us: r.p99Us,
    maxUs: r.maxUs,
    unexpected: r.unexpected,
    errors: r.errors,
    peakRssKb: statusKb(srv.pid, 'VmHWM'),
    serverCpu: cpu === null ? null : cpu / wall,
    toolCpu: r.toolCpu,
    otherCpu:
      coreBefore !== null && coreAfter !== null && cpu !== null
        ? Math.max(0, coreAfter - coreBefore - cpu) / wall
        : null,
  }
}

/** Runs the Bun mode end to end and writes bench/RESULTS-bun.md. */
export async function runBunMode(log: (line: string) => void): Promise<void> {
  const t0 = performance.now()
  const config = loadConfig()
  const machine = machineInfo()
  if (config.loadCpu !== undefined) pinProcess(process.pid, config.loadCpu)
  if (!existsSync(BUN_BIN)) throw new Error(`${BUN_BIN} is missing: npm install (bun is a devDependency)`)
  const bunVersion = execFileSync(BUN_BIN, ['--version'], { encoding: 'utf8' }).trim()
  const names = BUN_SERVERS.filter(serverExists)
  const tool = await createLoadTool(config.tool, config.loadCpu)
  log(
    `bun ${bunVersion}; load: ${tool.name} ${tool.version}; servers: ${names.join(', ')}; ` +
      `scenarios: ${config.scenarios.join(', ')}; ${config.rounds} round(s) × ${config.durationSec} s`,
  )

  const secret = new TextEncoder().encode(config.jwtSecret)
  const servers: ServerInfo[] = []
  const running = new Map<string, RunningServer>()
  const inputs = new Map<string, LoadInputs>()
  const cells: Cell[] = []
  try {
    for (const name of names) {
      const info: ServerInfo = { name, startupRssKb: null, peakRssKb: null, checkFailures: {} }
      servers.push(info)
      try {
        const srv = await startServer(name, {
          launch: { mode: 'tsx', args: [serverFile(name)] },
          command: BUN_BIN,
          cpu: config.serverCpu,
          env: { BENCH_JWT_SECRET: config.jwtSecret },
        })
        running.set(name, srv)
        info.startupRssKb = srv.startupRssKb
        const outcome = await checkServer(`http://127.0.0.1:${srv.port}`, secret)
        info.checkFailures = outcome.failures
        inputs.set(name, outcome.inputs)
        const failed = Object.keys(outcome.failures)
        log(`${name} ready on :${srv.port}; checks: ${failed.length ? `FAILED ${failed.join(', ')}` : 'ok'}`)
        for (const [id, msg] of Object.entries(outcome.failures)) log(`  ${id}: ${msg}`)
        for (const id of config.scenarios) {
          const failure = outcome.failures[id]
          cells.push({ server: name, scenario: id, rounds: [], ...(failure ? { failed: failure } : {}) })
        }
      } catch (err) {
        info.error = err instanceof Error ? err.message.split('\n')[0] : String(err)
        log(`${name} did not start: ${info.error}`)
      }
    }
    const live = names.filter((n) => running.has(n))
    for (let round = 0; round < config.rounds; round++) {
      for (const id of config.scenarios) {
        const scenario = scenarioNamed(id)
        const turn = round % Math.max(1, live.length)
        for (const name of [...live.slice(turn), ...live.slice(0, turn)]) {
          const cell = cells.find((c) => c.server === name && c.scenario === id)
          const srv = running.get(name)
          const input = inputs.get(name)
          if (!cell || cell.failed || !srv || !input) continue
          const job = {
            base: `http://127.0.0.1:${srv.port}`,
            requests: scenario.requests(input),
            connections: config.connections,
            expected: scenario.expected,
            durationSec: config.durationSec,
          }
          if (round === 0 && config.warmupSec > 0) await tool.run({ ...job, durationSec: config.warmupSec })
          const r = await measure(tool, srv, job, config.serverCpu)
          cell.rounds.push(r)
          const info = servers.find((s) => s.name === name)
          if (info && r.peakRssKb !== null) info.peakRssKb = Math.max(info.peakRssKb ?? 0, r.peakRssKb)
          const bad = r.unexpected + r.errors
          log(
            `round ${round + 1}/${config.rounds} ${id.padEnd(8)} ${name.padEnd(16)} ${Math.round(r.rps)
              .toString()
              .padStart(7)} req/s  cpu ${r.serverCpu === null ? '?' : Math.round(r.serverCpu * 100)}%` +
              (bad ? `  UNEXPECTED ${bad}/${r.requests}` : ''),
          )
        }
      }
    }
  } finally {
    await Promise.all([...running.values()].map((s) => s.stop()))
    await tool.close()
  }

  const output = process.env.BENCH_OUTPUT || path.join(BENCH_DIR, 'RESULTS-bun.md')
  const markdown = bunResultsMarkdown({
    date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    machine,
    tool: { name: tool.name, version: tool.version },
    config,
    servers,
    skipped: [],
    cells,
    wallSec: (performance.now() - t0) / 1000,
    versions: { bun: bunVersion, hono: packageVersion('hono'), elysia: packageVersion('elysia') },
    previous: existsSync(output) ? readFileSync(output, 'utf8') : undefined,
  })
  writeFileSync(output, markdown)
  console.log(`\n${markdown}`)
  log(`wrote ${output}`)
}
