/**
 * CPU profile of one server under load: runs it with `node --cpu-prof` once per scenario
 * (default: (2) users and (3) profile), drives it with the load generator, and lists the top
 * self-time frames in the "Profile" section of bench/RESULTS.md (the rest of the file is kept).
 *
 *   npx tsx bench/profile.ts                      # restmachine, or node-http while it is absent
 *   BENCH_PROFILE_SERVER=fastify npx tsx bench/profile.ts
 *
 * Also used by bench/run.ts at the end of a run. The .cpuprofile files stay in
 * bench/results/profiles/ (git-ignored); open them in Chrome DevTools or speedscope.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Launch, prepareServer } from './lib/build.js'
import { checkServer } from './lib/checks.js'
import { type Config, loadConfig } from './lib/config.js'
import { type CpuProfile, sourceMapResolver, summarizeProfile } from './lib/cpuprofile.js'
import { createLoadTool, type LoadTool } from './lib/load.js'
import { scenarioNamed } from './lib/plan.js'
import { pinProcess, sleep } from './lib/proc.js'
import { type ProfileResult, profileMarkdown, withProfileSection } from './lib/report.js'
import { BENCH_DIR, serverExists, startServer } from './lib/servers.js'

/** Preloaded into the profiled server: SIGTERM/SIGINT → process.exit, so --cpu-prof writes its file. */
const EXIT_ON_SIGNAL =
  'data:text/javascript,for (const s of ["SIGTERM", "SIGINT"]) process.once(s, () => process.exit(0))'

/** The monotonic clock V8 stamps profile samples with, in µs. */
const nowUs = (): number => Number(process.hrtime.bigint() / 1000n)

export const PROFILE_DIR = path.join(BENCH_DIR, 'results', 'profiles')

/** The server to profile: BENCH_PROFILE_SERVER, else restmachine, else node-http. */
export function profileTarget(config: Config): { server: string; note?: string } {
  if (config.profileServer) return { server: config.profileServer }
  if (serverExists('restmachine')) return { server: 'restmachine' }
  return {
    server: 'node-http',
    note: '> bench/servers/restmachine.ts does not exist yet, so the profile below is of the node-http peer.',
  }
}

export async function profileServer(
  server: string,
  config: Config,
  tool: LoadTool,
  log: (line: string) => void = console.log,
): Promise<ProfileResult[]> {
  mkdirSync(PROFILE_DIR, { recursive: true })
  const secret = new TextEncoder().encode(config.jwtSecret)
  const results: ProfileResult[] = []
  for (const id of config.profileScenarios) {
    const scenario = scenarioNamed(id)
    const file = path.join(PROFILE_DIR, `${server}-${id}.cpuprofile`)
    // node writes one profile per thread (with tsx, its loader hooks run in a worker thread), named
    // CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile: collect them in a fresh directory
    const tmpDir = path.join(PROFILE_DIR, `${server}-${id}.tmp`)
    rmSync(file, { force: true })
    rmSync(tmpDir, { recursive: true, force: true })
    mkdirSync(tmpDir)
    const date = new Date().toISOString().slice(0, 16).replace('T', ' ')
    const window = { startUs: 0, endUs: 0 }
    let launch: Launch | undefined
    const result: ProfileResult = {
      date,
      server,
      scenario: id,
      durationSec: config.profileDurationSec,
      summary: null,
    }
    try {
      if (!serverExists(server)) throw new Error(`bench/servers/${server}.ts does not exist`)
      launch = await prepareServer(server)
      result.launch = launch.mode
      const running = await startServer(server, {
        launch,
        cpu: config.serverCpu,
        nodeArgs: ['--cpu-prof', '--cpu-prof-dir', tmpDir, '--import', EXIT_ON_SIGNAL],
        env: { BENCH_JWT_SECRET: config.jwtSecret },
      })
      try {
        const base = `http://127.0.0.1:${running.port}`
        // the same inputs the measured run uses (doc-304 needs the ETag the server sends; without
        // it every request would be a 200 and the "304" profile would show the body being built)
        const { inputs, failures } = await checkServer(base, secret)
        if (failures[id] !== undefined) throw new Error(`check failed: ${failures[id]}`)
        const job = {
          base,
          requests: scenario.requests(inputs),
          connections: config.connections,
          expected: scenario.expected,
        }
        if (config.warmupSec > 0) await tool.run({ ...job, durationSec: config.warmupSec })
        window.startUs = nowUs()
        const r = await tool.run({ ...job, durationSec: config.profileDurationSec })
        window.endUs = nowUs()
        log(
          `profile ${server} ${id}: ${Math.round(r.rps)} req/s under the profiler, ${r.unexpected} unexpected`,
        )
        if (r.unexpected + r.errors > r.requests / 100) {
          result.error = `${r.unexpected + r.errors} of ${r.requests} responses had an unexpected status`
        }
      } finally {
        await running.stop()
      }
      await sleep(100)
      const main = readdirSync(tmpDir).find((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f))
      if (!main) throw new Error(`no main-thread profile in ${tmpDir}: ${readdirSync(tmpDir).join(', ')}`)
      renameSync(path.join(tmpDir, main), file)
      // esbuild's source map leads back to the TypeScript lines (tsx mode: transpiled positions)
      const resolve =
        launch.file && launch.sourceMap
          ? sourceMapResolver({ [pathToFileURL(launch.file).href]: launch.sourceMap })
          : undefined
      rmSync(tmpDir, { recursive: true, force: true })
      const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
      result.summary = summarizeProfile(profile, { top: 15, window, resolve })
    } catch (err) {
      result.error = err instanceof Error ? err.message.split('\n')[0] : String(err)
      log(`profile ${server} ${id}: ${result.error}`)
    }
    results.push(result)
  }
  return results
}

export function profileIntro(server: string, config: Config, note?: string): string {
  const lines = [
    `\`node --cpu-prof\` of **${server}** (sampling every 1 ms), one process per scenario: ` +
      `${config.warmupSec} s warm-up + ${config.profileDurationSec} s of load from the same ` +
      `generator. Only the samples taken during the measured load are counted (start-up and warm-up ` +
      'are left out); percentages are self time of the busy (non-idle) main-thread time. The server ' +
      'runs as an esbuild bundle of its TypeScript (npm packages external); locations are mapped back ' +
      'to the TypeScript lines through its source map. Raw profiles: ' +
      '`bench/results/profiles/*.cpuprofile` (git-ignored).',
  ]
  if (note) lines.push('', note)
  return lines.join('\n')
}

async function main(): Promise<void> {
  const config = loadConfig()
  if (config.loadCpu !== undefined) pinProcess(process.pid, config.loadCpu)
  const { server, note } = profileTarget(config)
  const tool = await createLoadTool(config.tool, config.loadCpu)
  try {
    const results = await profileServer(server, config, tool)
    const section = profileMarkdown(results, profileIntro(server, config, note))
    let current = ''
    try {
      current = readFileSync(config.output, 'utf8')
    } catch {
      current = '# Benchmark results\n'
    }
    writeFileSync(config.output, withProfileSection(current, section))
    console.log(section)
  } finally {
    await tool.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err)
    process.exitCode = 1
  })
}
