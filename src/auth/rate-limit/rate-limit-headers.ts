/**
 * The state of one client's quota after a request.
 *
 * @example
 * app.post('/login', ({ loginRateLimit }) => ({ attemptsLeft: loginRateLimit.remaining }))
 */
export interface RateLimitState {
  /** The policy's name. */
  readonly policy: string
  /** Requests allowed per window. */
  readonly limit: number
  /** Requests left in the current window. */
  readonly remaining: number
  /** Seconds until the window resets. */
  readonly resetSeconds: number
  /** The window, in seconds. */
  readonly windowSeconds: number
}

/** RFC 9651 sf-string: `"…"` with `\` and `"` escaped; other characters are limited to printable ASCII. */
function sfString(value: string): string {
  return `"${value.replace(/[^\x20-\x7e]/g, '').replace(/[\\"]/g, '\\$&')}"`
}

/**
 * The `RateLimit-Policy` and `RateLimit` fields of the IETF draft "RateLimit header fields for HTTP"
 * (draft-ietf-httpapi-ratelimit-headers, structured-field form): the quota `q` per window `w`
 * seconds, and what remains (`r`) until the reset in `t` seconds.
 *
 * @example
 * rateLimitHeaders({ policy: 'login', limit: 5, remaining: 4, resetSeconds: 900, windowSeconds: 900 })
 * // { 'ratelimit-policy': '"login";q=5;w=900', ratelimit: '"login";r=4;t=900' }
 */
export function rateLimitHeaders(state: RateLimitState): { 'ratelimit-policy': string; ratelimit: string } {
  const name = sfString(state.policy)
  return {
    'ratelimit-policy': `${name};q=${state.limit};w=${state.windowSeconds}`,
    ratelimit: `${name};r=${Math.max(0, state.remaining)};t=${Math.max(0, Math.ceil(state.resetSeconds))}`,
  }
}
