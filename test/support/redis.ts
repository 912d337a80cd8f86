/**
 * Helpers for tests that need a real Redis.
 *
 * Tests use the Redis at `REDIS_URL` (default `redis://127.0.0.1:6379`). Where there is none, a
 * `describeWithRedis` suite prints one loud warning and its tests show as skipped — unless
 * `REQUIRE_REDIS=1` (set by `.ci/run`), which turns the skip into a failing test, so CI can never
 * pass without having run them. Keys must start with a `uniqueRedisPrefix()`, and the test must
 * remove them with `deleteRedisKeys` afterwards: the Redis is shared with other runs.
 *
 * Outage tests never stop the shared Redis: `startPrivateRedisServer` runs a throw-away
 * `redis-server` on a free port that a test may kill and restart, inside `describeWithRedisServer`.
 *
 * @example
 * describeWithRedis('RedisStore', (url) => {
 *   const prefix = uniqueRedisPrefix('sessions')
 *   afterAll(() => deleteRedisKeys(url, prefix))
 *   it('stores a session', async () => { … })
 * })
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { describe, it } from 'vitest'

/** The Redis the tests use. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/** `true` when the environment demands the Redis tests run (CI). */
export const REDIS_REQUIRED = process.env.REQUIRE_REDIS === '1'

const probes = new Map<string, Promise<boolean>>()

/**
 * Whether a Redis answers `PING` at `url` within a second; asked once per URL and test file.
 *
 * @example
 * if (await redisAvailable()) console.log('Redis is up')
 */
export function redisAvailable(url = REDIS_URL): Promise<boolean> {
  let probe = probes.get(url)
  if (probe === undefined) {
    probe = ping(url)
    probes.set(url, probe)
  }
  return probe
}

async function ping(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    commandTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  client.on('error', () => {})
  try {
    await client.connect()
    return (await client.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    client.disconnect()
  }
}

/**
 * A `describe` whose tests run only where Redis is reachable; `define` receives the Redis URL.
 * Without Redis it warns once and skips, or fails when `REQUIRE_REDIS=1`.
 *
 * @example
 * describeWithRedis('rate limits in Redis', (url) => {
 *   it('counts hits across servers', async () => { const store = new RedisStore(url) … })
 * })
 */
export function describeWithRedis(name: string, define: (url: string) => void): void {
  describe(name, async () => {
    if (await redisAvailable()) {
      define(REDIS_URL)
      return
    }
    if (REDIS_REQUIRED) {
      it('has the Redis that REQUIRE_REDIS=1 demands', () => {
        throw new Error(
          `REQUIRE_REDIS=1 but no Redis answers at ${REDIS_URL}: start one (see .ci/run) or set REDIS_URL`,
        )
      })
      return
    }
    console.warn(
      `⚠ SKIPPING Redis tests "${name}": no Redis at ${REDIS_URL} (set REDIS_URL; REQUIRE_REDIS=1 makes this fail)`,
    )
    describe.skip(`(skipped: no Redis at ${REDIS_URL})`, () => define(REDIS_URL))
  })
}

/**
 * A key prefix no other test or run uses, e.g. `rm-test:sessions:1f2e3d4c:`.
 *
 * @example
 * const store = new RedisStore({ url, prefix: uniqueRedisPrefix('sessions') })
 */
export function uniqueRedisPrefix(label: string): string {
  return `rm-test:${label}:${randomUUID().slice(0, 8)}:`
}

/**
 * Deletes every key that starts with `prefix` (which must come from `uniqueRedisPrefix`).
 *
 * @example
 * afterAll(() => deleteRedisKeys(REDIS_URL, prefix))
 */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  if (!prefix.startsWith('rm-test:')) throw new Error(`Refusing to delete keys outside rm-test:*: ${prefix}`)
  const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 2000 })
  try {
    const pattern = prefix.replace(/[*?[\]\\]/g, '\\$&') + '*'
    let cursor = '0'
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500)
      if (keys.length > 0) await client.unlink(...keys)
      cursor = next
    } while (cursor !== '0')
  } finally {
    client.disconnect()
  }
}

/** `true` when a `redis-server` binary is on the PATH, so tests can run a private Redis. */
export const REDIS_SERVER_INSTALLED = spawnSync('redis-server', ['--version']).status === 0

/**
 * A `describe` for tests that start their own Redis with `startPrivateRedisServer` (to stop and
 * restart it). Without a `redis-server` binary it warns once and skips, or fails when `REQUIRE_REDIS=1`.
 *
 * @example
 * describeWithRedisServer('sessions survive a Redis restart', () => {
 *   it('…', async () => { const server = await startPrivateRedisServer({ persistent: true }) … })
 * })
 */
export function describeWithRedisServer(name: string, define: () => void): void {
  describe(name, () => {
    if (REDIS_SERVER_INSTALLED) return define()
    if (REDIS_REQUIRED) {
      it('has the redis-server binary that REQUIRE_REDIS=1 demands', () => {
        throw new Error('REQUIRE_REDIS=1 but no redis-server binary is on the PATH: install Redis')
      })
      return
    }
    console.warn(`⚠ SKIPPING Redis tests "${name}": no redis-server binary on the PATH`)
    describe.skip('(skipped: no redis-server binary)', define)
  })
}

/** A throw-away Redis on its own port and directory that a test may kill and restart at will. */
export interface PrivateRedisServer {
  readonly port: number
  readonly url: string
  /** Whether the server is running. */
  readonly running: boolean
  /** Starts the server (again) on the same port and directory; resolves once it answers PING. */
  start(): Promise<void>
  /** Kills the server abruptly (SIGKILL), like a crash; resolves once the process has exited. */
  kill(): Promise<void>
  /** Kills the server if it runs and deletes its directory. Call it in `afterAll`. */
  stop(): Promise<void>
}

/**
 * Starts a private `redis-server` on a free port in a temporary directory. With `persistent: true`
 * it logs every write to an append-only file synced on each write, so its data survives `kill()`
 * and `start()`; otherwise it keeps nothing on disk. Never touches the shared Redis.
 *
 * @example
 * const server = await startPrivateRedisServer({ persistent: true })
 * afterAll(() => server.stop())
 * await server.kill() // outage
 * await server.start() // back, with its data
 */
export async function startPrivateRedisServer(
  options: { persistent?: boolean } = {},
): Promise<PrivateRedisServer> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'restmachine-redis-'))
  const persistence = options.persistent
    ? ['--appendonly', 'yes', '--appendfsync', 'always']
    : ['--appendonly', 'no']
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir]
  let child: ChildProcess | undefined

  const server: PrivateRedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return child !== undefined
    },
    async start() {
      if (child) return
      const spawned = spawn('redis-server', [...args, '--logfile', join(dir, 'redis.log')], {
        stdio: 'ignore',
      })
      child = spawned
      spawned.once('exit', () => {
        if (child === spawned) child = undefined
      })
      await waitUntilAnswering(server.url, spawned)
    },
    async kill() {
      const running = child
      if (!running) return
      child = undefined
      const exited = new Promise((resolve) => running.once('exit', resolve))
      running.kill('SIGKILL')
      await exited
    },
    async stop() {
      await server.kill()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  await server.start()
  return server
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

async function waitUntilAnswering(url: string, spawned: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    if (spawned.exitCode !== null || spawned.signalCode !== null) {
      throw new Error(`redis-server exited while starting (${url}); see its redis.log`)
    }
    probes.delete(url)
    if (await redisAvailable(url)) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`redis-server did not answer at ${url} within 10 s`)
}
