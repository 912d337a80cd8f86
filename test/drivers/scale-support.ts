import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll } from 'vitest'
import { startTopology, type Topology } from '../../examples/scale/topology.js'
import { defined } from '../support/defined.js'
import { deleteRedisKeys, uniqueRedisPrefix } from '../support/redis.js'

/** Whether nginx is on this machine (CI installs it; elsewhere the scale tests skip without it). */
export const NGINX = spawnSync('nginx', ['-v']).error === undefined

/** Whether the scale scenarios run: with nginx, and always in CI (which installs it). */
export const SCALE_RUNS = NGINX || process.env.CI !== undefined

/** The example users (password `secret`). */
export const USERS = ['alice@example.com', 'bob@example.com']

/** One request through the proxy: when it ran, how it ended, which instance answered. */
export interface Sample {
  start: number
  end: number
  status: number
  upstream: string
  setCookie: string[]
  json: unknown
}

/**
 * Sends one request and records its timing; a network failure is status 0.
 *
 * @example
 * const sample = await timed(`${url}/profile`)
 */
export async function timed(url: string, init?: RequestInit): Promise<Sample> {
  const start = Date.now()
  try {
    const response = await fetch(url, init)
    const text = await response.text()
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return {
      start,
      end: Date.now(),
      status: response.status,
      upstream: response.headers.get('x-upstream') ?? '',
      setCookie: response.headers.getSetCookie(),
      json,
    }
  } catch {
    return { start, end: Date.now(), status: 0, upstream: '', setCookie: [], json: undefined }
  }
}

/** POSTs JSON through the proxy. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Sample> {
  return timed(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** What happened while one instance was killed and restarted under load. */
export interface KillReport {
  samples: Sample[]
  killedAt: number
  restartedAt: number
  victimPort: number
}

/**
 * Runs four concurrent clients sending `GET path` with each of `credentials` in turn, kills the
 * first instance with SIGKILL (a crash) after 0.5 s, restarts it 0.5 s later, and keeps the traffic
 * going until the restarted instance has answered five requests (nginx tries a failed instance
 * again after its `fail_timeout`), or 20 s have passed.
 *
 * @example
 * const report = await killAndRestartUnderLoad(topology, '/profile', [{ authorization: 'Bearer …' }])
 */
export async function killAndRestartUnderLoad(
  topology: Topology,
  path: string,
  credentials: Array<Record<string, string>>,
): Promise<KillReport> {
  const samples: Sample[] = []
  const victim = defined(topology.instances[0], 'an instance to kill')
  let restartedAt = Number.POSITIVE_INFINITY
  let servedAfterRestart = 0
  let running = true
  const loop = async (worker: number) => {
    for (let n = worker; running; n++) {
      const sample = await timed(`${topology.url}${path}`, { headers: credentials[n % credentials.length] })
      samples.push(sample)
      if (sample.start > restartedAt && sample.upstream.endsWith(`:${victim.port}`)) servedAfterRestart++
    }
  }
  const loops = [0, 1, 2, 3].map(loop)
  await sleep(500)
  const killedAt = Date.now()
  await victim.kill('SIGKILL')
  await sleep(500)
  await victim.restart()
  restartedAt = Date.now()
  const deadline = restartedAt + 20_000
  while (servedAfterRestart < 5 && Date.now() < deadline) await sleep(50)
  running = false
  await Promise.all(loops)
  return { samples, killedAt, restartedAt, victimPort: victim.port }
}

/**
 * Waits until requests through the proxy have reached every instance (nginx puts an instance that
 * failed back into rotation after `fail_timeout`).
 *
 * @example
 * await untilEveryInstanceAnswers(topology)
 */
export async function untilEveryInstanceAnswers(topology: Topology, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  const seen = new Set<string>()
  while (seen.size < topology.instances.length && Date.now() < deadline) {
    const sample = await timed(`${topology.url}/`)
    seen.add(sample.upstream)
  }
}

/**
 * The failures of a {@link KillReport} that cannot be blamed on the kill: every failed request must
 * have been in flight on the instance when it died.
 *
 * @example
 * expect(unexplainedFailures(report)).toEqual([])
 */
export function unexplainedFailures(report: KillReport): Sample[] {
  return report.samples.filter(
    (s) => s.status !== 200 && !(s.start <= report.killedAt && s.end >= report.killedAt && s.status !== 401),
  )
}

/**
 * Starts a two-instance topology of `app` for the enclosing describe block (skipped without nginx
 * outside CI) and removes its Redis keys afterwards; returns a getter for it.
 *
 * @example
 * const topology = topologyFor('examples/auth/sessions.ts', redisUrl)
 */
export function topologyFor(app: string, redisUrl: string, env: Record<string, string> = {}): () => Topology {
  const prefix = uniqueRedisPrefix('scale')
  const holder: { topology?: Topology } = {}
  beforeAll(async () => {
    if (!SCALE_RUNS) return
    if (!NGINX) throw new Error('nginx is missing: .ci/run installs it')
    holder.topology = await startTopology({ instances: 2, port: 0, redisUrl, redisPrefix: prefix, app, env })
  }, 60_000)
  afterAll(async () => {
    await holder.topology?.stop()
    await deleteRedisKeys(redisUrl, prefix)
  })
  return () => holder.topology as Topology
}
