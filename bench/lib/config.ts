/** Benchmark settings: defaults (sized for the 5-minute budget), the --full preset, env knobs. */
import os from 'node:os'
import { DEFAULT_JWT_SECRET } from '../scenarios.js'
import { DEFAULT_SCENARIOS, SCENARIOS } from './plan.js'
import { hasCommand } from './proc.js'
import { ALL_SERVERS, SERVER_ORDER, VARIANT_SERVERS } from './servers.js'

export interface Config {
  full: boolean
  servers: string[]
  scenarios: string[]
  rounds: number
  durationSec: number
  warmupSec: number
  connections: number
  tool: string | undefined
  /** CPUs for the server and for the load generator (undefined = not pinned) */
  serverCpu: number | undefined
  loadCpu: number | undefined
  profile: boolean
  profileServer: string | undefined
  profileScenarios: string[]
  profileDurationSec: number
  jwtSecret: string
  output: string
}

export const DEFAULT_SERVERS = ['restmachine', 'node-http', 'fastify']

function list(
  value: string | undefined,
  all: readonly string[],
  fallback: string[],
  known: readonly string[] = all,
): string[] {
  if (value === undefined || value.trim() === '') return fallback
  if (value.trim() === 'all') return [...all]
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const item of items)
    if (!known.includes(item)) throw new Error(`unknown "${item}"; known: ${known.join(', ')}`)
  return items
}

function int(name: string, fallback: number, min: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`)
  return n
}

export function loadConfig(argv: string[] = process.argv.slice(2)): Config {
  const full = argv.includes('--full') || process.env.BENCH_FULL === '1'
  const env = process.env
  const scenarioIds = SCENARIOS.map((s) => s.id)

  const canPin = env.BENCH_PIN !== '0' && hasCommand('taskset') && os.availableParallelism() >= 2
  const serverCpu = canPin ? int('BENCH_SERVER_CPU', 1, 0) : undefined
  const loadCpu = canPin ? int('BENCH_LOAD_CPU', 0, 0) : undefined

  return {
    full,
    // canonical order, whatever the env says: restmachine (the subject of the ratios) first
    // (the -pino variants only when named: `all` is the plain servers)
    servers: list(env.BENCH_SERVERS, ALL_SERVERS, full ? [...ALL_SERVERS] : DEFAULT_SERVERS, [
      ...ALL_SERVERS,
      ...VARIANT_SERVERS,
    ]).sort((a, b) => SERVER_ORDER.indexOf(a) - SERVER_ORDER.indexOf(b)),
    scenarios: list(env.BENCH_SCENARIOS, scenarioIds, full ? scenarioIds : DEFAULT_SCENARIOS),
    rounds: int('BENCH_ROUNDS', 3, 1),
    durationSec: int('BENCH_DURATION', full ? 10 : 4, 1),
    warmupSec: int('BENCH_WARMUP', full ? 3 : 1, 0),
    connections: int('BENCH_CONNECTIONS', 50, 1),
    tool: env.BENCH_TOOL || undefined,
    serverCpu,
    loadCpu,
    profile: env.BENCH_PROFILE !== '0',
    profileServer: env.BENCH_PROFILE_SERVER || undefined,
    profileScenarios: list(env.BENCH_PROFILE_SCENARIOS, scenarioIds, ['users', 'profile']),
    profileDurationSec: int('BENCH_PROFILE_DURATION', full ? 10 : 4, 1),
    jwtSecret: env.BENCH_JWT_SECRET || DEFAULT_JWT_SECRET,
    output: env.BENCH_OUTPUT || 'bench/RESULTS.md',
  }
}

/**
 * Wall-time estimate in seconds, from overheads measured on the 2-core machine: ~0.3 s per wrk
 * run on top of its duration, ~2 s to start and check a server, ~3 s per profiled scenario on top
 * of its warm-up and load.
 */
export function estimateSeconds(c: Config, servers: number): number {
  const cells = servers * c.scenarios.length
  const measure = cells * c.rounds * (c.durationSec + 0.3)
  const warmup = c.warmupSec > 0 ? cells * (c.warmupSec + 0.3) : 0
  const startup = servers * 2
  const profile = c.profile ? c.profileScenarios.length * (c.warmupSec + c.profileDurationSec + 3) : 0
  return Math.round(measure + warmup + startup + profile)
}
