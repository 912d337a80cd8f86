import { Forbidden } from '../../errors/index.js'
import type { RestRequest } from '../../http/index.js'
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
  /**
   * Refuse (403) an unsafe request that says nothing of where it comes from: no `Origin`, no
   * `Referer` and no `Sec-Fetch-Site` (default `true`). Every browser of today sends `Origin` on a
   * POST, PUT, PATCH or DELETE; `false` lets clients that send none of the three (curl, scripts)
   * through, which also lets through a browser that was made to drop them.
   */
  requireOrigin?: boolean
}

// RFC 9110 §9.2.1: these methods are safe; everything else may change state.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE'])
// Fetch Metadata §2.1: the values of Sec-Fetch-Site besides `cross-site`.
const NOT_CROSS_SITE = new Set(['same-origin', 'same-site', 'none'])

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
 * (OWASP CSRF cheat sheet, "Verifying origin with standard headers" and Fetch Metadata):
 * `Sec-Fetch-Site: cross-site`; else an `Origin` that is not the server's own (nor allowed) — a
 * `null` one passes only with `Sec-Fetch-Site: same-origin`; else, without `Origin`, the origin of the `Referer`; else, with none of the
 * three headers, the request unless `requireOrigin: false`. Safe methods always pass.
 *
 * @example
 * assertSameOrigin(request, { allowedOrigins: ['https://app.example.com'] })
 */
export function assertSameOrigin(request: RestRequest, options: CsrfOptions = {}): void {
  if (!isUnsafeMethod(request.method)) return
  const fetchSite = request.headers.getAll('sec-fetch-site').map((value) => value.trim().toLowerCase())
  if (fetchSite.includes('cross-site')) throw csrfRefused('cross-site request')
  const [originLine, ...moreOrigins] = request.headers.getAll('origin')
  if (moreOrigins.length > 0) throw csrfRefused('more than one Origin')
  if (originLine !== undefined) {
    const value = originLine.trim()
    // Fetch §3.1: a form POST under `Referrer-Policy: no-referrer` (the API default of
    // securityHeaders) carries `Origin: null` even to its own origin. Then only Fetch Metadata can
    // vouch for it: an opaque origin (sandboxed frame, data: URL) is never `same-origin`.
    if (value === 'null') {
      if (fetchSite.length === 1 && fetchSite[0] === 'same-origin') return
      throw csrfRefused('opaque Origin (null) without Sec-Fetch-Site: same-origin')
    }
    const origin = normaliseOrigin(value)
    if (origin === undefined) throw csrfRefused('malformed Origin')
    assertAllowed(origin, request, options)
    return
  }
  // OWASP: without Origin, the Referer's origin tells where the request came from. RFC 9110
  // §10.1.3: it is an absolute URI or a partial one, relative to the target URI (the own origin).
  const [referer, ...moreReferers] = request.headers.getAll('referer').filter((value) => value.trim() !== '')
  if (moreReferers.length > 0) throw csrfRefused('more than one Referer')
  if (referer !== undefined) {
    const origin = refererOrigin(referer.trim(), ownOrigin(request, options))
    if (origin === undefined) throw csrfRefused('malformed Referer')
    assertAllowed(origin, request, options)
    return
  }
  if (fetchSite.some((value) => NOT_CROSS_SITE.has(value))) return
  if (options.requireOrigin !== false) throw csrfRefused('no Origin, Referer or Sec-Fetch-Site')
}

function assertAllowed(origin: string, request: RestRequest, options: CsrfOptions): void {
  if (origin === ownOrigin(request, options)) return
  const allowed = (options.allowedOrigins ?? []).map((o) => normaliseOrigin(o))
  if (allowed.includes(origin)) return
  throw csrfRefused(`origin ${origin} is not allowed`)
}

function refererOrigin(value: string, own: string | undefined): string | undefined {
  try {
    const url = own === undefined ? new URL(value) : new URL(value, own)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined
  } catch {
    return undefined
  }
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
