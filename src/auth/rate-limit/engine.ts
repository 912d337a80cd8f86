import type { RateLimiterAbstract } from 'rate-limiter-flexible'
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js'
import RateLimiterRedis from 'rate-limiter-flexible/lib/RateLimiterRedis.js'

/**
 * Any rate-limiter-flexible limiter (memory, Redis, Postgres, a union…): what `rateLimit` drives.
 *
 * @example
 * rateLimit({ points: 5, duration: 900, limiter: new RateLimiterMemory({ points: 5, duration: 900 }) })
 */
export type RateLimiterEngine = Pick<RateLimiterAbstract, 'consume' | 'points' | 'duration'>

/**
 * How an engine is made; see {@link createRateLimiterEngine}.
 *
 * @example
 * createRateLimiterEngine({ points: 5, duration: 900, keyPrefix: 'rl:login', redis: client })
 */
export interface EngineOptions {
  /** Requests allowed per window. */
  points: number
  /** The window, in seconds. */
  duration: number
  /** Prefix of the counters' keys. */
  keyPrefix: string
  /** An ioredis client: counters live in Redis, shared by every server (atomic Lua `INCRBY`). */
  redis?: object
  /** With Redis: fall back to a per-process memory limiter while Redis is unreachable. */
  memoryWhenUnavailable?: boolean
}

/**
 * Makes a rate-limiter-flexible engine: counters in memory (one process), or in Redis (shared; the
 * counting is one atomic Lua script, so two servers never both grant the last point). With Redis
 * the limiter refuses at once while the connection is not ready, instead of queueing.
 *
 * @example
 * const engine = createRateLimiterEngine({ points: 5, duration: 900, keyPrefix: 'rl:login' })
 */
export function createRateLimiterEngine(options: EngineOptions): RateLimiterEngine {
  const { points, duration, keyPrefix } = options
  if (!(Number.isInteger(points) && points > 0) || !(Number.isInteger(duration) && duration > 0)) {
    throw new RangeError('rateLimit: points and duration (seconds) must be positive integers')
  }
  if (options.redis === undefined) return new RateLimiterMemory({ points, duration, keyPrefix })
  return new RateLimiterRedis({
    storeClient: options.redis,
    points,
    duration,
    keyPrefix,
    rejectIfRedisNotReady: true,
    ...(options.memoryWhenUnavailable === true
      ? { insuranceLimiter: new RateLimiterMemory({ points, duration, keyPrefix: `${keyPrefix}:insurance` }) }
      : {}),
  })
}
