import { ConfigurationError } from '../../errors/index.js'
import type { ResponseHeaderBag, RestRequest } from '../../http/index.js'
import type { TtlStore } from '../../stores/index.js'
import type { AuthContext } from '../context.js'
import { isRandomToken, randomToken } from '../crypto/random-token.js'
import { CredentialsMissing, challenge } from '../errors.js'
import { assertSameOrigin, type CsrfOptions } from './csrf.js'
import { requestIsHttps } from './request-origin.js'
import { sessionCookie } from './session-cookie.js'
import { SessionRecords, sessionError } from './session-records.js'

/**
 * Settings of {@link cookieSessions}. All durations are in seconds.
 *
 * @example
 * cookieSessions({ store, cookieName: '__Host-session', idleTimeout: 1800, absoluteTimeout: 43_200 })
 */
export interface CookieSessionsOptions {
  /** Where sessions live: `MemoryStore` for one server, `RedisStore` for several. */
  store: TtlStore
  /** The cookie's name (default `session_id`; `__Host-session` is stronger on HTTPS-only sites). */
  cookieName?: string
  /** A session unused this long ends (default 1 day). */
  idleTimeout?: number
  /** A session ends this long after login whatever happens; also the cookie's `Max-Age` (default 7 days). */
  absoluteTimeout?: number
  /** `Secure`: `'auto'` (default) sets it when the request came over HTTPS. */
  secure?: boolean | 'auto'
  /** `SameSite` (default `Lax`). */
  sameSite?: 'Lax' | 'Strict' | 'None'
  /** `Path` (default `/`). */
  path?: string
  /** `Domain` (default none: a host-only cookie). */
  domain?: string
  /**
   * CSRF check for unsafe methods and login (default on: own origin only, and `requireOrigin`, so a
   * request with no `Origin`, `Referer` or `Sec-Fetch-Site` is refused); `false` turns it off.
   */
  csrf?: CsrfOptions | false
  /** Trust `X-Forwarded-Proto`/`-Host` from a proxy in front (for `Secure` and the CSRF origin). */
  trustProxy?: boolean
  /** Key prefix in the store (default `session:`). */
  prefix?: string
  /** The clock in epoch ms (default `Date.now`); tests inject a fake one. */
  now?: () => number
}

/**
 * A live session, as injected by {@link CookieSessions.authenticate}.
 *
 * @example
 * app.post('/logout', async ({ session }) => { await session.destroy(); return { ok: true } })
 */
export interface Session<D> {
  /** The session id (the cookie's value); the store keeps only its SHA-256. */
  readonly id: string
  /** What was stored at login. */
  readonly data: D
  /** When the session started. */
  readonly createdAt: Date
  /** When it ends at the latest (absolute timeout). */
  readonly expiresAt: Date
  /** Ends the session server-side and clears the cookie (logout). */
  destroy(): Promise<void>
}

/**
 * Server-side sessions behind an `HttpOnly` cookie: 256-bit random ids (stored only as digests),
 * `SameSite=Lax; Path=/`, `Secure` on HTTPS, a new id at every login (no session fixation),
 * idle and absolute expiry, destruction on logout, and a CSRF check for cookie-authenticated
 * unsafe methods and login (`Origin`, else `Referer`, and `Sec-Fetch-Site`; none of them → 403).
 * A store that cannot answer → 503.
 *
 * @example
 * const sessions = cookieSessions<{ userId: string }>({ store: new MemoryStore() })
 * app.authorized('session', sessions.authenticate()).dependency('startSession', sessions.starter())
 * app.post('/login', async ({ startSession }) => { await startSession({ userId: '1' }); return { ok: true } })
 * app.post('/logout', async ({ session }) => { await session.destroy(); return { ok: true } })
 */
export class CookieSessions<D> {
  /** The cookie's name. */
  readonly cookieName: string
  readonly #records: SessionRecords<D>
  readonly #options: CookieSessionsOptions
  readonly #idle: number
  readonly #absolute: number
  readonly #prefixSecure: boolean
  readonly #challenge: string

  constructor(options: CookieSessionsOptions) {
    this.#options = options
    this.cookieName = options.cookieName ?? 'session_id'
    this.#idle = options.idleTimeout ?? 86_400
    this.#absolute = options.absoluteTimeout ?? 7 * 86_400
    if (!(this.#idle > 0 && this.#absolute > 0)) {
      throw new ConfigurationError('cookieSessions: idleTimeout and absoluteTimeout must be positive seconds')
    }
    if (options.sameSite === 'None' && options.secure !== true) {
      throw new ConfigurationError('cookieSessions: sameSite None needs secure: true (RFC 6265bis §5.6.7)')
    }
    this.#prefixSecure = cookiePrefixNeedsSecure(this.cookieName, options)
    this.#records = new SessionRecords<D>(
      options.store,
      options.prefix ?? 'session:',
      options.now ?? Date.now,
    )
    // No standard scheme exists for cookies; RFC 9110 §15.5.2 still wants a challenge on every 401.
    this.#challenge = challenge('Cookie', { name: this.cookieName })
  }

  /**
   * A dependency for the signed-in session: 401 without a cookie (`Not authenticated`), for an
   * unknown or idle-expired one (`Invalid session`, and the cookie is cleared), past the absolute
   * timeout (`Session expired`); 403 for a cross-site unsafe request; 503 when the store is down.
   *
   * @example
   * app.authorized('session', sessions.authenticate())
   */
  authenticate() {
    return async ({ request, cookies, responseHeaders }: AuthContext): Promise<Session<D>> => {
      const id = cookies[this.cookieName]
      if (id === undefined || id === '') throw new CredentialsMissing('Not authenticated', this.#challenge)
      if (this.#options.csrf !== false) assertSameOrigin(request, this.#csrfOptions())
      const clear = () => responseHeaders.append('set-cookie', this.#cookie(request, '', 0))
      if (!isRandomToken(id)) {
        clear()
        throw sessionError('Invalid session', this.#challenge)
      }
      const found = await this.#records.load(id, this.#idle)
      if (found.status !== 'live') {
        clear()
        throw sessionError(
          found.status === 'expired' ? 'Session expired' : 'Invalid session',
          this.#challenge,
        )
      }
      return this.#session(id, found.record, request, responseHeaders)
    }
  }

  /**
   * A dependency for logging in: a function that starts a session with `data`, destroying the one
   * the request's cookie named (a new id at every login: no fixation) and setting the cookie.
   *
   * @example
   * app.dependency('startSession', sessions.starter())
   * app.post('/login', async ({ startSession }) => { await startSession({ userId: user.id }) … })
   */
  starter() {
    return ({ request, cookies, responseHeaders }: AuthContext) =>
      async (data: D): Promise<Session<D>> => {
        // Login CSRF: a cross-site form must not sign the victim into the attacker's account.
        if (this.#options.csrf !== false) assertSameOrigin(request, this.#csrfOptions())
        const previous = cookies[this.cookieName]
        if (previous !== undefined && isRandomToken(previous)) await this.#records.remove(previous)
        const id = randomToken(32)
        const record = await this.#records.create(id, data, this.#idle, this.#absolute)
        responseHeaders.append('set-cookie', this.#cookie(request, id, this.#absolute))
        return this.#session(id, record, request, responseHeaders)
      }
  }

  /** Ends a session by id, e.g. from an admin screen. @example await sessions.destroy(id) */
  async destroy(id: string): Promise<void> {
    if (isRandomToken(id)) await this.#records.remove(id)
  }

  #session(
    id: string,
    record: { data: D; createdAt: number; expiresAt: number },
    request: RestRequest,
    responseHeaders: ResponseHeaderBag,
  ): Session<D> {
    return {
      id,
      data: record.data,
      createdAt: new Date(record.createdAt),
      expiresAt: new Date(record.expiresAt),
      destroy: async () => {
        await this.#records.remove(id)
        responseHeaders.append('set-cookie', this.#cookie(request, '', 0))
      },
    }
  }

  #cookie(request: RestRequest, value: string, maxAge: number): string {
    const { secure = 'auto', sameSite = 'Lax', path = '/', domain } = this.#options
    const isSecure =
      this.#prefixSecure ||
      (secure === 'auto' ? requestIsHttps(request, { trustProxy: this.#options.trustProxy }) : secure)
    return sessionCookie(this.cookieName, value, maxAge, { secure: isSecure, sameSite, path, domain })
  }

  #csrfOptions(): CsrfOptions {
    const csrf = this.#options.csrf === false ? {} : (this.#options.csrf ?? {})
    return { trustProxy: this.#options.trustProxy, ...csrf }
  }
}

/**
 * Creates {@link CookieSessions} whose data has type `D`.
 *
 * @example
 * const sessions = cookieSessions<{ userId: string }>({ store, absoluteTimeout: 7 * 86400 })
 */
export function cookieSessions<D>(options: CookieSessionsOptions): CookieSessions<D> {
  return new CookieSessions<D>(options)
}

/**
 * RFC 6265bis §4.1.3: a `__Secure-` cookie must be Secure, a `__Host-` one also Path=/ and
 * host-only, or browsers drop it. Names are matched without regard to case, as browsers do.
 * Returns whether the prefix forces `Secure` (then `secure: 'auto'` always sets it).
 */
function cookiePrefixNeedsSecure(name: string, options: CookieSessionsOptions): boolean {
  const lower = name.toLowerCase()
  const host = lower.startsWith('__host-')
  if (!host && !lower.startsWith('__secure-')) return false
  if (options.secure === false) {
    throw new ConfigurationError(`cookieSessions: a cookie named ${name} must be Secure (RFC 6265bis §4.1.3)`)
  }
  if (host && ((options.path ?? '/') !== '/' || options.domain !== undefined)) {
    throw new ConfigurationError(
      `cookieSessions: a __Host- cookie needs path '/' and no domain (RFC 6265bis §4.1.3)`,
    )
  }
  return true
}
