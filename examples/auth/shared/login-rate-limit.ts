import { rateLimit } from 'restmachine/auth'
import type { ExampleSettings } from './settings.js'
import type { ExampleState } from './state.js'

/**
 * The login rate limit the examples share: every attempt counts, successful or not, keyed by the
 * client's socket address (X-Forwarded-For only with TRUST_PROXY), in Redis when the example is.
 * `LOGIN_RATE_LIMIT` attempts per `LOGIN_RATE_WINDOW` seconds; `defaultPoints` when unset.
 */
export function loginRateLimit(settings: ExampleSettings, state: ExampleState, defaultPoints = 100) {
  return rateLimit({
    name: 'login',
    points: settings.loginRateLimit ?? defaultPoints,
    duration: settings.loginRateWindow ?? 900,
    redis: state.redis,
    keyPrefix: `${state.keyPrefix}:login`,
    trustProxy: settings.trustProxy,
    whenUnavailable: settings.rateLimitWhenRedisDown,
  })
}
