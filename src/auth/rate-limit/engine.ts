import { peerFailed } from '../optional-peer.js'

/**
 * Any rate-limiter-flexible limiter (memory, Redis, Postgres, a union…): what `rateLimit` drives.
 *
 * @example
 * rateLimit({ points: 5, duration: 900, limiter: new RateLimiterMemory({ points: 5, duration: 900 }) })
 */
export interface RateLimiterEngine {
  /** Requests allowed per window. */
  readonly points: number
  /** The window, in seconds. */
  readonly duration: number
  /**
   * Takes points for `key`: resolves with the limiter's answer (`remainingPoints`, `msBeforeNext`),
   * rejects with it when the key is over its limit. Written out here rather than imported, so the
   * published declarations do not need the optional peer to type-check.
   */
  consume(key: string, points?: number): Promise<unknown>
}

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
 * Checks an engine's settings at once (at registration), before the engine itself is loaded.
 *
 * @example
 * checkEngineOptions({ points: 5, duration: 900 })
 */
export function checkEngineOptions(options: Pick<EngineOptions, 'points' | 'duration'>): void {
  const { points, duration } = options
  if (!(Number.isInteger(points) && points > 0) || !(Number.isInteger(duration) && duration > 0)) {
    throw new RangeError('rateLimit: points and duration (seconds) must be positive integers')
  }
}

/**
 * Makes a rate-limiter-flexible engine: counters in memory (one process), or in Redis (shared; the
 * counting is one atomic Lua script, so two servers never both grant the last point). With Redis
 * the limiter refuses at once while the connection is not ready, instead of queueing.
 * rate-limiter-flexible is an optional peer, imported here on first use (each engine from its own
 * file: the package index would load `cluster` and every other store).
 *
 * @example
 * const engine = await createRateLimiterEngine({ points: 5, duration: 900, keyPrefix: 'rl:login' })
 */
export async function createRateLimiterEngine(options: EngineOptions): Promise<RateLimiterEngine> {
  checkEngineOptions(options)
  const { points, duration, keyPrefix } = options
  const missing = (error: unknown) => peerFailed('rateLimit', 'rate-limiter-flexible', error)
  const RateLimiterMemory = (await import('rate-limiter-flexible/lib/RateLimiterMemory.js').catch(missing))
    .default
  if (options.redis === undefined) return new RateLimiterMemory({ points, duration, keyPrefix })
  const RateLimiterRedis = (await import('rate-limiter-flexible/lib/RateLimiterRedis.js').catch(missing))
    .default
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
