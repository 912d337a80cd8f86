import { ServiceUnavailable, TooManyRequests } from '../../errors/index.js'
import type { RestRequest } from '../../http/index.js'
import type { AuthContext } from '../context.js'
import { type ClientAddressOptions, clientAddress } from './client-address.js'
import { checkEngineOptions, createRateLimiterEngine, type RateLimiterEngine } from './engine.js'
import { type RateLimitState, rateLimitHeaders } from './rate-limit-headers.js'
import { whenRedisReady } from './redis-ready.js'

/**
 * Settings of {@link rateLimit}.
 *
 * @example
 * rateLimit({ name: 'login', points: 5, duration: 900, redis: client, whenUnavailable: 'fail-closed' })
 */
export interface RateLimitOptions extends ClientAddressOptions {
  /** Requests allowed per window and client (every request that resolves the dependency counts). */
  points: number
  /** The window, in seconds (a fixed window that starts at the client's first request). */
  duration: number
  /** The policy's name, in the `RateLimit` headers and the counters' keys (default `default`). */
  name?: string
  /** An ioredis client (spread `failClosedRedisOptions()` into its options): counts shared by all servers. */
  redis?: object
  /** Or any rate-limiter-flexible limiter, used as is (`points`/`duration` then only label the headers). */
  limiter?: RateLimiterEngine
  /** Prefix of the counters' keys (default `rl:<name>`). */
  keyPrefix?: string
  /** Whom to count; default: {@link clientAddress} with `trustProxy`. */
  key?: (request: RestRequest) => string
  /**
   * What to do when the counters cannot be reached (Redis down): `'fail-closed'` (default) answers
   * 503 — a login endpoint must not become brute-forceable because Redis is away; `'fail-open'` lets
   * the request through uncounted (availability first); `'memory'` counts per process meanwhile.
   */
  whenUnavailable?: 'fail-closed' | 'fail-open' | 'memory'
  /** The 429 message (default `Too many requests; try again later`). */
  message?: string
  /** The longest the engine may take before it counts as unavailable, in ms (default 2000). */
  timeoutMs?: number
}

interface LimiterAnswer {
  remainingPoints: number
  msBeforeNext: number
}

const isAnswer = (value: unknown): value is LimiterAnswer =>
  typeof value === 'object' &&
  value !== null &&
  !(value instanceof Error) &&
  typeof (value as LimiterAnswer).msBeforeNext === 'number'

/**
 * A dependency that counts requests per client and answers 429 `Too Many Requests` with
 * `Retry-After` (RFC 9110 §10.2.3) past the quota, using rate-limiter-flexible (memory, or Redis so
 * that servers add up). Every response it sees — 200, 401, 429 — carries `RateLimit-Policy` and
 * `RateLimit` (IETF RateLimit headers draft). Resolved at B8, before the body is read, so every
 * attempt counts, malformed ones included. Clients are told apart by socket address; see `trustProxy`.
 *
 * @example
 * app.dependency('loginRateLimit', rateLimit({ name: 'login', points: 5, duration: 15 * 60 }))
 * app.post('/login', login, { requires: ['loginRateLimit'] })
 */
export function rateLimit(options: RateLimitOptions) {
  const name = options.name ?? 'default'
  const whenUnavailable = options.whenUnavailable ?? 'fail-closed'
  if (options.limiter === undefined) checkEngineOptions(options)
  // The engine's package (an optional peer) starts loading now and is awaited on the first request.
  const engineReady: Promise<RateLimiterEngine> =
    options.limiter !== undefined
      ? Promise.resolve(options.limiter)
      : createRateLimiterEngine({
          points: options.points,
          duration: options.duration,
          keyPrefix: options.keyPrefix ?? `rl:${name}`,
          redis: options.redis,
          memoryWhenUnavailable: whenUnavailable === 'memory',
        })
  // Reported on the first request that needs it, not as an unhandled rejection now.
  engineReady.catch(() => undefined)
  const limit = options.limiter?.points ?? options.points
  const windowSeconds = options.limiter?.duration ?? options.duration
  const keyOf = options.key ?? ((request: RestRequest) => clientAddress(request, options))
  const timeoutMs = options.timeoutMs ?? 2000
  const message = options.message ?? 'Too many requests; try again later'
  const redis = options.limiter === undefined ? options.redis : undefined

  return async ({
    request,
    responseHeaders,
  }: Pick<AuthContext, 'request' | 'responseHeaders'>): Promise<RateLimitState> => {
    const publish = (answer: LimiterAnswer): RateLimitState => {
      const state = {
        policy: name,
        limit,
        remaining: Math.max(0, answer.remainingPoints),
        resetSeconds: Math.ceil(answer.msBeforeNext / 1000),
        windowSeconds,
      }
      for (const [field, value] of Object.entries(rateLimitHeaders(state))) responseHeaders.set(field, value)
      return state
    }
    // Outside the try: a missing rate-limiter-flexible is a configuration error to report (500,
    // logged with its install command), not a Redis outage to fail open or closed on.
    const engine = await engineReady
    let answer: unknown
    let refused = false
    try {
      const key = keyOf(request)
      // While connecting, wait for Redis (within the deadline) — except in 'memory' mode, whose
      // fallback answers at once.
      const started = Date.now()
      if (redis !== undefined && whenUnavailable !== 'memory') await whenRedisReady(redis, timeoutMs)
      answer = await withTimeout(engine.consume(key), Math.max(1, timeoutMs - (Date.now() - started)))
    } catch (error) {
      answer = error
      refused = true
    }
    if (isAnswer(answer)) {
      const state = publish(answer)
      if (refused) throw new TooManyRequests(message, { retryAfter: Math.max(1, state.resetSeconds) })
      return state
    }
    // Not a quota answer: the counters could not be reached.
    if (whenUnavailable === 'fail-open') {
      return { policy: name, limit, remaining: limit, resetSeconds: windowSeconds, windowSeconds }
    }
    throw new ServiceUnavailable('Rate limiting is temporarily unavailable; try again shortly', {
      retryAfter: 2,
      cause: answer,
      code: 'rate_limit_unavailable',
    })
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The rate limiter did not answer within ${ms} ms`)), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}
