import { Forbidden } from '../../errors/status-errors.js'
import type { RestRequest } from '../../http/rest-request.js'
import type { AuthContext } from '../context.js'
import { normaliseOrigin, ownOrigin } from './request-origin.js'

/**
 * Options of the CSRF check.
 *
 * @example
 * cookieSessions({ store, csrf: { allowedOrigins: ['https://app.example.com'] } })
 */
export interface CsrfOptions {
  /** Origins besides the server's own that may send unsafe requests, e.g. `https://app.example.com`. */
  allowedOrigins?: readonly string[]
  /** Take the own origin from `X-Forwarded-Proto`/`X-Forwarded-Host` (behind a trusted proxy only). */
  trustProxy?: boolean
}

// RFC 9110 §9.2.1: these methods are safe; everything else may change state.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE'])

/**
 * Whether a method may change state (RFC 9110 §9.2.1), so cookie-authenticated requests with it
 * need a CSRF check.
 *
 * @example
 * isUnsafeMethod('POST') // true
 */
export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase())
}

/**
 * Refuses a cross-site request (403) with the checks browsers make possible without a token
 * (OWASP CSRF cheat sheet, "Verifying origin with standard headers" and Fetch Metadata): an
 * `Origin` that is present and is not the server's own (nor allowed) — `null` included — or
 * `Sec-Fetch-Site: cross-site`. Requests with neither header (curl, server-to-server) pass: they
 * cannot carry a victim's cookies. Safe methods always pass. Browsers send `Origin` on every
 * cross-origin POST, so the check does not depend on `SameSite` alone.
 *
 * @example
 * assertSameOrigin(request, { allowedOrigins: ['https://app.example.com'] })
 */
export function assertSameOrigin(request: RestRequest, options: CsrfOptions = {}): void {
  if (!isUnsafeMethod(request.method)) return
  const fetchSite = request.headers.getAll('sec-fetch-site')
  if (fetchSite.some((value) => value.trim().toLowerCase() === 'cross-site')) {
    throw csrfRefused('cross-site request')
  }
  const origins = request.headers.getAll('origin')
  if (origins.length === 0) return
  if (origins.length > 1) throw csrfRefused('more than one Origin')
  const origin = normaliseOrigin((origins[0] as string).trim())
  if (origin === undefined) throw csrfRefused('opaque or malformed Origin')
  if (origin === ownOrigin(request, options)) return
  const allowed = (options.allowedOrigins ?? []).map((o) => normaliseOrigin(o))
  if (allowed.includes(origin)) return
  throw csrfRefused(`Origin ${origin} is not allowed`)
}

function csrfRefused(reason: string): Forbidden {
  return new Forbidden(`Cross-site request refused (CSRF protection): ${reason}`, { code: 'csrf_refused' })
}

/**
 * A dependency that applies {@link assertSameOrigin} — for routes authenticated by cookies that
 * do not use `cookieSessions` (which checks by itself).
 *
 * @example
 * app.post('/transfer', handler, { requires: ['sameOrigin'] })
 * app.dependency('sameOrigin', csrfProtection())
 */
export function csrfProtection(options: CsrfOptions = {}) {
  return ({ request }: Pick<AuthContext, 'request'>): true => {
    assertSameOrigin(request, options)
    return true
  }
}
