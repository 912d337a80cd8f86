/**
 * The examples' settings, read from the environment by the runnable entry points only; tests build
 * apps from explicit settings, so a `REDIS_URL` or `JWT_SECRET_KEY` in the environment never
 * changes what a test sees.
 */
import { secretFromEnvironment } from 'restmachine/auth'

/** Everything an example can be configured with (all durations in seconds). */
export interface ExampleSettings {
  /** HS256 secret (UTF-8). Default: env `JWT_SECRET_KEY`, or a random one with a warning. */
  jwtSecret?: string
  /** `iss` of the tokens (env `JWT_ISSUER`, default `restmachine-example`). */
  issuer?: string
  /** Tolerated clock skew (env `JWT_CLOCK_TOLERANCE`, default 1 s; the library's default is 5 s). */
  clockTolerance?: number
  /** Access-token lifetime (env `ACCESS_TOKEN_TTL`, default 3600; auth-complete 86400). */
  accessTokenTtl?: number
  /** Refresh-token lifetime (env `REFRESH_TOKEN_TTL`, default 30 days). */
  refreshTokenTtl?: number
  /** Redis for shared state (env `REDIS_URL`); in memory when absent. */
  redisUrl?: string
  /** Prefix of every Redis key (env `REDIS_PREFIX`, default `restmachine-example:`). */
  redisPrefix?: string
  /** Proxies in front that append `X-Forwarded-For` (env `TRUST_PROXY`: `true` = 1, or a number). */
  trustProxy?: number
  /** Login attempts per client per window (env `LOGIN_RATE_LIMIT`). */
  loginRateLimit?: number
  /** The login rate-limit window (env `LOGIN_RATE_WINDOW`, default 900 = 15 minutes). */
  loginRateWindow?: number
  /** What the login limiter does while Redis is down (env `RATE_LIMIT_WHEN_REDIS_DOWN`). */
  rateLimitWhenRedisDown?: 'fail-closed' | 'fail-open' | 'memory'
  /** Session idle timeout (env `SESSION_IDLE_TIMEOUT`, default 1 day). */
  sessionIdleTimeout?: number
  /** argon2id costs; tests lower them. */
  passwordCost?: { memoryCost?: number; timeCost?: number }
}

const number = (value: string | undefined): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`Expected a non-negative number, got ${value}`)
  return parsed
}

/**
 * Reads {@link ExampleSettings} from environment variables.
 *
 * @example
 * const app = createApp(settingsFromEnvironment(process.env))
 */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv = process.env): ExampleSettings {
  const trust = env.TRUST_PROXY?.trim().toLowerCase()
  const whenDown = env.RATE_LIMIT_WHEN_REDIS_DOWN
  return {
    jwtSecret: env.JWT_SECRET_KEY || undefined,
    issuer: env.JWT_ISSUER || undefined,
    clockTolerance: number(env.JWT_CLOCK_TOLERANCE),
    accessTokenTtl: number(env.ACCESS_TOKEN_TTL),
    refreshTokenTtl: number(env.REFRESH_TOKEN_TTL),
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.REDIS_PREFIX || undefined,
    trustProxy:
      trust === undefined || trust === '' || trust === 'false' || trust === '0'
        ? undefined
        : trust === 'true'
          ? 1
          : number(trust),
    loginRateLimit: number(env.LOGIN_RATE_LIMIT),
    loginRateWindow: number(env.LOGIN_RATE_WINDOW),
    rateLimitWhenRedisDown:
      whenDown === 'fail-open' || whenDown === 'memory' || whenDown === 'fail-closed' ? whenDown : undefined,
    sessionIdleTimeout: number(env.SESSION_IDLE_TIMEOUT),
  }
}

/**
 * The HS256 secret: the configured one, else env `JWT_SECRET_KEY`, else a random one with one
 * warning. A secret shorter than RFC 7518 §3.2's 32 bytes is accepted (the examples must verify
 * tokens signed with whatever `JWT_SECRET_KEY` holds) but warned about.
 *
 * @example
 * const secret = exampleSecret(settings, 'jwt')
 */
export function exampleSecret(settings: ExampleSettings, example: string): string {
  const secret =
    settings.jwtSecret ??
    secretFromEnvironment('JWT_SECRET_KEY', {
      whenMissing: 'random',
      warn: (message) => console.warn(`[${example}] ${message}`),
    })
  if (new TextEncoder().encode(secret).length < 32) {
    console.warn(
      `[${example}] JWT_SECRET_KEY is shorter than 32 bytes, below RFC 7518 §3.2's minimum for HS256`,
    )
  }
  return secret
}
