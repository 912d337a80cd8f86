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
import { estimateSeconds, loadConfig } from './lib/config.js'
import { carryKeptSections } from './lib/kept-sections.js'
import { createLoadTool } from './lib/load.js'
import { machineInfo, pinProcess } from './lib/proc.js'
import {
  existingProfileSection,
  profileMarkdown,
  type RunResults,
  resultsMarkdown,
  withProfileSection,
} from './lib/report.js'
import { runAlternatingRounds, startAndCheck } from './lib/rounds.js'
import { BENCH_DIR, serverExists } from './lib/servers.js'
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

  const started = await startAndCheck(
    names,
    config,
    async (name) => ({
      launch: await prepareServer(name),
      cpu: config.serverCpu,
      env: { BENCH_JWT_SECRET: config.jwtSecret },
    }),
    log,
  )
  try {
    await runAlternatingRounds(started, config, tool, log)
  } finally {
    await Promise.all([...started.running.values()].map((s) => s.stop()))
  }
  const { servers, cells } = started

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
