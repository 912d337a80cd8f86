/**
 * The benchmark harness (`npm run bench`; `npm run bench:full` for everything).
 *
 * Starts every selected server in its own process pinned to one core, checks each scenario's
 * answers once, then measures all (server, scenario) cells in alternating rounds with the load
 * generator pinned to the other core, and writes bench/RESULTS.md (plus a CPU profile section).
 * See bench/README.md for the knobs and the time budget.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { prepareServer } from './lib/build.js'
import { runBunMode } from './lib/bun.js'
import { checkServer } from './lib/checks.js'
import { estimateSeconds, loadConfig } from './lib/config.js'
import { carryKeptSections } from './lib/kept-sections.js'
import { createLoadTool } from './lib/load.js'
import { type LoadInputs, scenarioNamed } from './lib/plan.js'
import { cpuBusySeconds, cpuSeconds, machineInfo, pinProcess, resetPeakRss, statusKb } from './lib/proc.js'
import {
  type Cell,
  existingProfileSection,
  profileMarkdown,
  type RoundResult,
  type RunResults,
  resultsMarkdown,
  type ServerInfo,
  withProfileSection,
} from './lib/report.js'
import { BENCH_DIR, type RunningServer, serverExists, startServer } from './lib/servers.js'
import { PROFILE_DIR, profileIntro, profileServer, profileTarget } from './profile.js'

const t0 = performance.now()
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s`
const log = (line: string) => console.log(`[${elapsed()}] ${line}`)

async function main(): Promise<void> {
  if (process.argv.includes('--bun')) return runBunMode(log)
  const config = loadConfig()
  const machine = machineInfo() // before pinning, which hides the other CPU from availableParallelism()
  // the harness itself waits on the load generator's core, never on the server's
  if (config.loadCpu !== undefined) pinProcess(process.pid, config.loadCpu)

  const skipped: RunResults['skipped'] = []
  const names = config.servers.filter((name) => {
    if (serverExists(name)) return true
    skipped.push({ name, reason: `bench/servers/${name}.ts does not exist (yet), so its column is absent.` })
    return false
  })
  for (const s of skipped) log(`skipping ${s.name}: ${s.reason}`)

  const tool = await createLoadTool(config.tool, config.loadCpu)
  log(
    `load: ${tool.name} ${tool.version}; servers: ${names.join(', ')}; scenarios: ${config.scenarios.join(', ')}; ` +
      `${config.rounds} round(s) × ${config.durationSec} s, warm-up ${config.warmupSec} s; ` +
      `estimated ${estimateSeconds(config, names.length)} s`,
  )

  const secret = new TextEncoder().encode(config.jwtSecret)
  const servers: ServerInfo[] = []
  const running = new Map<string, RunningServer>()
  const inputs = new Map<string, LoadInputs>()
  const cells: Cell[] = []

  try {
    // start + check every server
    for (const name of names) {
      const info: ServerInfo = { name, startupRssKb: null, peakRssKb: null, checkFailures: {} }
      servers.push(info)
      try {
        const launch = await prepareServer(name)
        info.launch = launch.mode
        const srv = await startServer(name, {
          launch,
          cpu: config.serverCpu,
          env: { BENCH_JWT_SECRET: config.jwtSecret },
        })
        running.set(name, srv)
        info.startupRssKb = srv.startupRssKb
        const outcome = await checkServer(`http://127.0.0.1:${srv.port}`, secret)
        info.checkFailures = outcome.failures
        inputs.set(name, outcome.inputs)
        const failed = Object.keys(outcome.failures)
        log(
          `${name} ready on :${srv.port} (pid ${srv.pid}, ${launch.mode}); checks: ${failed.length ? `FAILED ${failed.join(', ')}` : 'ok'}`,
        )
        for (const [id, msg] of Object.entries(outcome.failures)) log(`  ${id}: ${msg}`)
      } catch (err) {
        info.error = err instanceof Error ? err.message.split('\n')[0] : String(err)
        log(`${name} did not start: ${info.error}`)
      }
    }

    const live = names.filter((n) => running.has(n))
    for (const name of live) {
      for (const id of config.scenarios) {
        const failure = servers.find((s) => s.name === name)?.checkFailures[id]
        cells.push({ server: name, scenario: id, rounds: [], ...(failure ? { failed: failure } : {}) })
      }
    }

    // alternating rounds: every round visits every scenario, servers in a rotated order
    for (let round = 0; round < config.rounds; round++) {
      for (const id of config.scenarios) {
        const scenario = scenarioNamed(id)
        const turn = round % live.length
        const order = [...live.slice(turn), ...live.slice(0, turn)]
        for (const name of order) {
          const cell = cells.find((c) => c.server === name && c.scenario === id)
          const srv = running.get(name)
          const info = servers.find((s) => s.name === name)
          if (cell === undefined || srv === undefined || info === undefined) {
            throw new Error(`${name} is live but has no cell for ${id}, no process or no entry`)
          }
          if (cell.failed) continue
          const input = inputs.get(name)
          if (input === undefined) throw new Error(`${name} has no load inputs: its checks did not finish`)
          const job = {
            base: `http://127.0.0.1:${srv.port}`,
            requests: scenario.requests(input),
            connections: config.connections,
            expected: scenario.expected,
          }
          if (round === 0 && config.warmupSec > 0) await tool.run({ ...job, durationSec: config.warmupSec })
          resetPeakRss(srv.pid)
          const cpuBefore = cpuSeconds(srv.pid)
          const coreBefore = config.serverCpu === undefined ? null : cpuBusySeconds(config.serverCpu)
          const started = performance.now()
          const r = await tool.run({ ...job, durationSec: config.durationSec })
          const wall = (performance.now() - started) / 1000
          const cpuAfter = cpuSeconds(srv.pid)
          const coreAfter = config.serverCpu === undefined ? null : cpuBusySeconds(config.serverCpu)
          const serverCpu = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null
          const peak = statusKb(srv.pid, 'VmHWM')
          const last: RoundResult = {
            rps: r.rps,
            requests: r.requests,
            p50Us: r.p50Us,
            p99Us: r.p99Us,
            maxUs: r.maxUs,
            unexpected: r.unexpected,
            errors: r.errors,
            peakRssKb: peak,
            serverCpu: serverCpu === null ? null : serverCpu / wall,
            toolCpu: r.toolCpu,
            otherCpu:
              coreBefore !== null && coreAfter !== null && serverCpu !== null
                ? Math.max(0, coreAfter - coreBefore - serverCpu) / wall
                : null,
          }
          cell.rounds.push(last)
          if (peak !== null) info.peakRssKb = Math.max(info.peakRssKb ?? 0, peak, info.startupRssKb ?? 0)
          const bad = r.unexpected + r.errors
          const rps = Math.round(r.rps).toString().padStart(7)
          const pct = (f: number | null) => (f === null ? '?' : `${Math.round(f * 100)}%`)
          log(
            `round ${round + 1}/${config.rounds} ${id.padEnd(8)} ${name.padEnd(12)} ${rps} req/s  ` +
              `p50 ${(r.p50Us / 1000).toFixed(2)} ms  p99 ${(r.p99Us / 1000).toFixed(2)} ms  ` +
              `server cpu ${pct(last.serverCpu)} other ${pct(last.otherCpu)} load-gen ${pct(last.toolCpu)}` +
              (bad ? `  UNEXPECTED ${bad}/${r.requests}` : ''),
          )
        }
      }
    }
  } finally {
    await Promise.all([...running.values()].map((s) => s.stop()))
  }

  // CPU profile of scenarios (2) and (3)
  let profileSection: string | null = null
  if (config.profile) {
    const { server, note } = profileTarget(config)
    log(`profiling ${server} (${config.profileScenarios.join(', ')}) with --cpu-prof`)
    const results = await profileServer(server, config, tool, log)
    profileSection = profileMarkdown(results, profileIntro(server, config, note))
  }
  await tool.close()

  const results: RunResults = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    machine,
    tool: { name: tool.name, version: tool.version },
    config,
    servers,
    skipped,
    cells,
    wallSec: (performance.now() - t0) / 1000,
  }
  let markdown = resultsMarkdown(results)
  if (!profileSection) {
    // keep the profile of an earlier run rather than dropping it
    try {
      profileSection = existingProfileSection(readFileSync(config.output, 'utf8'))
    } catch {
      profileSection = null
    }
  }
  if (profileSection) markdown = withProfileSection(markdown, profileSection)
  try {
    markdown = carryKeptSections(readFileSync(config.output, 'utf8'), markdown)
  } catch {
    // no earlier RESULTS.md: nothing to keep
  }
  writeFileSync(config.output, `${markdown.trimEnd()}\n`)
  mkdirSync(PROFILE_DIR, { recursive: true })
  writeFileSync(path.join(BENCH_DIR, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`)
  console.log(`\n${markdown}\n`)
  log(`wrote ${config.output} and bench/results/latest.json`)
}

// `npm run bench -- --h2`: the HTTP/2 bench (bench/lib/h2.ts) instead of the HTTP/1.1 one
const mode = process.argv.includes('--h2') ? import('./lib/h2.js').then((h2) => h2.runH2Bench(log)) : main()
mode.catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
