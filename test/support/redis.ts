/**
 * Helpers for tests that need a real Redis.
 *
 * Tests use the Redis at `REDIS_URL` (default `redis://127.0.0.1:6379`). Where there is none, a
 * `describeWithRedis` suite prints one loud warning and its tests show as skipped — unless
 * `REQUIRE_REDIS=1` (set by `.ci/run`), which turns the skip into a failing test, so CI can never
 * pass without having run them. Keys must start with a `uniqueRedisPrefix()`, and the test must
 * remove them with `deleteRedisKeys` afterwards: the Redis is shared with other runs.
 *
 * @example
 * describeWithRedis('RedisStore', (url) => {
 *   const prefix = uniqueRedisPrefix('sessions')
 *   afterAll(() => deleteRedisKeys(url, prefix))
 *   it('stores a session', async () => { … })
 * })
 */
import { randomUUID } from 'node:crypto'
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
