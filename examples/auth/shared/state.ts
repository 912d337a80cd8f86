/**
 * Where the examples keep server-side state: in this process (`MemoryStore`, the default) or in
 * Redis (`REDIS_URL`), so that several instances share sessions, refresh tokens and rate limits.
 */
import { Redis } from 'ioredis'
import { MemoryStore, type TtlStore } from 'restmachine'
import { failClosedRedisOptions, RedisStore } from 'restmachine/redis'
import type { ExampleSettings } from './settings.js'

/** The example's store and, with Redis, the client the rate limiter shares. */
export interface ExampleState {
  readonly store: TtlStore
  /** The ioredis client (for rate-limiter-flexible), when `redisUrl` is set. */
  readonly redis: Redis | undefined
  /** Prefix for rate-limit keys. */
  readonly keyPrefix: string
  /** Closes the store and the Redis connection (at shutdown). */
  close(): Promise<void>
}

/**
 * Opens the example's state.
 *
 * @example
 * const state = openState(settings, 'jwt')
 */
export function openState(settings: ExampleSettings, example: string): ExampleState {
  const prefix = settings.redisPrefix ?? 'restmachine-example:'
  if (settings.redisUrl === undefined) {
    const store = new MemoryStore()
    return { store, redis: undefined, keyPrefix: `${prefix}rl`, close: () => store.close() }
  }
  // One connection for both; the fail-closed options make an outage a fast 503, never a hang.
  const redis = new Redis(settings.redisUrl, failClosedRedisOptions(2000))
  let reported = false
  redis.on('error', (error: Error) => {
    if (!reported) console.error(`[${example}] Redis unavailable: ${error.message} (retrying)`)
    reported = true
  })
  redis.on('ready', () => {
    reported = false
  })
  const store = new RedisStore({ client: redis, prefix, timeoutMs: 2000 })
  return {
    store,
    redis,
    keyPrefix: `${prefix}rl`,
    close: async () => {
      await store.close()
      redis.disconnect()
    },
  }
}
