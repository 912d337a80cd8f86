/**
 * What every HTTP/1.1 bench mode shares (the Node run in run.ts, the Bun run in bun.ts): starting
 * and checking the servers, then measuring every (server, scenario) cell in alternating rounds.
 */
import path from 'node:path'
import { checkServer } from './checks.js'
import type { Config } from './config.js'
import type { LoadTool } from './load.js'
import { type LoadInputs, scenarioNamed } from './plan.js'
import { cpuBusySeconds, cpuSeconds, resetPeakRss, statusKb } from './proc.js'
import type { Cell, RoundResult, ServerInfo } from './report.js'
import { type RunningServer, type StartOptions, startServer } from './servers.js'

/** The servers of a run once started and checked, and the cells they will be measured in. */
export interface StartedServers {
  servers: ServerInfo[]
  running: Map<string, RunningServer>
  inputs: Map<string, LoadInputs>
  cells: Cell[]
}

/**
 * Starts each server with the options `startOptions` gives it, checks every scenario's answers once
 * and makes its cells (a failed check leaves the cell unmeasured). A server that does not start is
 * recorded with its error; the run goes on without it.
 */
export async function startAndCheck(
  names: readonly string[],
  config: Config,
  startOptions: (name: string) => Promise<StartOptions>,
  log: (line: string) => void,
): Promise<StartedServers> {
  const started: StartedServers = { servers: [], running: new Map(), inputs: new Map(), cells: [] }
  const secret = new TextEncoder().encode(config.jwtSecret)
  try {
    for (const name of names) await startOne(name)
  } catch (err) {
    await Promise.all([...started.running.values()].map((s) => s.stop()))
    throw err
  }
  return started

  async function startOne(name: string): Promise<void> {
    const info: ServerInfo = { name, startupRssKb: null, peakRssKb: null, checkFailures: {} }
    started.servers.push(info)
    try {
      const options = await startOptions(name)
      if (options.command === undefined) info.launch = options.launch.mode
      const srv = await startServer(name, options)
      started.running.set(name, srv)
      info.startupRssKb = srv.startupRssKb
      const outcome = await checkServer(`http://127.0.0.1:${srv.port}`, secret)
      info.checkFailures = outcome.failures
      started.inputs.set(name, outcome.inputs)
      const failed = Object.keys(outcome.failures)
      log(
        `${name} ready on :${srv.port} (pid ${srv.pid}, ${options.command === undefined ? options.launch.mode : path.basename(options.command)}); ` +
          `checks: ${failed.length ? `FAILED ${failed.join(', ')}` : 'ok'}`,
      )
      for (const [id, msg] of Object.entries(outcome.failures)) log(`  ${id}: ${msg}`)
      for (const id of config.scenarios) {
        const failure = outcome.failures[id]
        started.cells.push({
          server: name,
          scenario: id,
          rounds: [],
          ...(failure ? { failed: failure } : {}),
        })
      }
    } catch (err) {
      // started but not checked: not measured, and not left running
      await started.running.get(name)?.stop()
      started.running.delete(name)
      info.error = err instanceof Error ? err.message.split('\n')[0] : String(err)
      log(`${name} did not start: ${info.error}`)
    }
  }
}

/**
 * Measures every cell in alternating rounds: each round visits every scenario, the servers in an
 * order rotated by one per round, with a warm-up before a cell's first round.
 */
export async function runAlternatingRounds(
  started: StartedServers,
  config: Config,
  tool: LoadTool,
  log: (line: string) => void,
): Promise<void> {
  const live = started.servers.map((s) => s.name).filter((name) => started.running.has(name))
  for (let round = 0; round < config.rounds; round++) {
    for (const id of config.scenarios) {
      const scenario = scenarioNamed(id)
      const turn = round % Math.max(1, live.length)
      for (const name of [...live.slice(turn), ...live.slice(0, turn)]) {
        const cell = started.cells.find((c) => c.server === name && c.scenario === id)
        const srv = started.running.get(name)
        const info = started.servers.find((s) => s.name === name)
        if (cell === undefined || srv === undefined || info === undefined) {
          throw new Error(`${name} is live but has no cell for ${id}, no process or no entry`)
        }
        if (cell.failed) continue
        const input = started.inputs.get(name)
        if (input === undefined) throw new Error(`${name} has no load inputs: its checks did not finish`)
        const job = {
          base: `http://127.0.0.1:${srv.port}`,
          requests: scenario.requests(input),
          connections: config.connections,
          expected: scenario.expected,
        }
        if (round === 0 && config.warmupSec > 0) await tool.run({ ...job, durationSec: config.warmupSec })
        const r = await measureRound(tool, srv, { ...job, durationSec: config.durationSec }, config.serverCpu)
        cell.rounds.push(r)
        if (r.peakRssKb !== null) {
          info.peakRssKb = Math.max(info.peakRssKb ?? 0, r.peakRssKb, info.startupRssKb ?? 0)
        }
        const bad = r.unexpected + r.errors
        const rps = Math.round(r.rps).toString().padStart(7)
        const pct = (f: number | null) => (f === null ? '?' : `${Math.round(f * 100)}%`)
        log(
          `round ${round + 1}/${config.rounds} ${id.padEnd(8)} ${name.padEnd(12)} ${rps} req/s  ` +
            `p50 ${(r.p50Us / 1000).toFixed(2)} ms  p99 ${(r.p99Us / 1000).toFixed(2)} ms  ` +
            `server cpu ${pct(r.serverCpu)} other ${pct(r.otherCpu)} load-gen ${pct(r.toolCpu)}` +
            (bad ? `  UNEXPECTED ${bad}/${r.requests}` : ''),
        )
      }
    }
  }
}

/**
 * One measured round of one cell: the load tool's figures plus the server's CPU share, the CPU
 * time of everything else on its core, and its peak RSS (the watermark reset first).
 */
export async function measureRound(
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
