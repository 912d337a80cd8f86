import type { RestRequest } from '../../http/index.js'

/**
 * Whether the request reached the application over HTTPS: the connection itself, or — only when
 * `trustProxy` says a TLS-terminating proxy sits in front — its `X-Forwarded-Proto`.
 *
 * @example
 * requestIsHttps(request, { trustProxy: true })
 */
export function requestIsHttps(request: RestRequest, options: { trustProxy?: boolean } = {}): boolean {
  if (request.secure) return true
  if (options.trustProxy !== true) return false
  const forwarded = request.headers.get('x-forwarded-proto')
  return forwarded?.split(',')[0]?.trim().toLowerCase() === 'https'
}

/**
 * The origin (RFC 6454 §4) the request was addressed to — scheme plus `Host` (or, behind a trusted
 * proxy, `X-Forwarded-Host`) — or `undefined` when it cannot be told.
 *
 * @example
 * ownOrigin(request) // 'http://127.0.0.1:8000'
 */
export function ownOrigin(request: RestRequest, options: { trustProxy?: boolean } = {}): string | undefined {
  const forwardedHost = options.trustProxy === true ? request.headers.get('x-forwarded-host') : null
  const host = forwardedHost?.split(',')[0]?.trim() || request.headers.get('host')
  if (!host || /[\s/?#@\\]/.test(host)) return undefined
  try {
    return new URL(`${requestIsHttps(request, options) ? 'https' : 'http'}://${host}`).origin
  } catch {
    return undefined
  }
}

/** The ASCII serialisation of an origin as browsers send it, or `undefined` for `null`/garbage. */
export function normaliseOrigin(value: string): string | undefined {
  if (value === 'null') return undefined
  try {
    const url = new URL(value)
    return url.origin === 'null' ? undefined : url.origin
  } catch {
    return undefined
  }
}
