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
import { loadConfig } from './config.js'
import { createLoadTool } from './load.js'
import { machineInfo, pinProcess } from './proc.js'
import { runAlternatingRounds, startAndCheck } from './rounds.js'
import { BENCH_DIR, serverExists, serverFile } from './servers.js'

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

  const started = await startAndCheck(
    names,
    config,
    async (name) => ({
      launch: { mode: 'tsx', args: [serverFile(name)] },
      command: BUN_BIN,
      cpu: config.serverCpu,
      env: { BENCH_JWT_SECRET: config.jwtSecret },
    }),
    log,
  )
  try {
    await runAlternatingRounds(started, config, tool, log)
  } finally {
    await Promise.all([...started.running.values()].map((s) => s.stop()))
    await tool.close()
  }
  const { servers, cells } = started

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
