/**
 * The server side of the CORS protocol (Fetch standard §3.2): which origins may read responses, and
 * the headers of preflight and actual responses. Pure functions over options checked once.
 */

import { isFieldValue } from './field-syntax.js'
import { isToken } from './lexer.js'
import { appendVary } from './vary.js'

/**
 * Who may call a resource from a browser on another origin, and with what.
 *
 * @example
 * const cors: CorsOptions = { origins: ['https://app.example.com'], credentials: true, maxAge: 600 }
 */
export interface CorsOptions {
  /**
   * Allowed origins: serialized origins such as `'https://example.com'` (compared exactly), `'*'` for
   * any origin (not with `credentials`), or a predicate over the request's `Origin` value.
   */
  origins: readonly string[] | '*' | ((origin: string) => boolean)
  /** Methods allowed cross-origin; default: every method of the route. Method names are case-sensitive. */
  methods?: readonly string[]
  /**
   * Request header fields allowed (`Access-Control-Allow-Headers`); default: the ones the preflight asks
   * for. `'*'` allows any except `Authorization`, which must be listed (Fetch §3.2.3), and not with
   * `credentials`.
   */
  allowHeaders?: readonly string[]
  /** Response header fields scripts may read beyond the safelisted ones (`Access-Control-Expose-Headers`). */
  exposeHeaders?: readonly string[]
  /** Whether requests may carry cookies or HTTP authentication (`Access-Control-Allow-Credentials`). */
  credentials?: boolean
  /** How long, in seconds, a browser may cache a preflight answer (browsers cap it, e.g. at 2 hours). */
  maxAge?: number
}

/**
 * What a preflight request asks (Fetch §3.2.2).
 *
 * @example
 * const asked: PreflightRequest = { origin: 'https://a.example', requestMethod: 'PUT', requestHeaders: 'content-type' }
 */
export interface PreflightRequest {
  /** The `Origin` value. */
  origin: string
  /** The `Access-Control-Request-Method` value. */
  requestMethod: string
  /** The `Access-Control-Request-Headers` value, if any. */
  requestHeaders?: string | null | undefined
}

const checked = new WeakSet<CorsOptions>()

/**
 * Checks CORS options at configuration time and throws a TypeError that names the fix: `'*'` with
 * `credentials` (Fetch §3.2.5 forbids the wildcard on credentialed requests), an origin that is not a
 * serialized origin (`scheme://host[:port]`, lower-case, no default port, path or trailing slash),
 * the `null` origin (shared by every sandboxed document and file), and non-token names.
 *
 * @example
 * validateCorsOptions({ origins: ['https://app.example.com'], credentials: true }) // ok
 * validateCorsOptions({ origins: '*', credentials: true }) // throws TypeError
 * @internal
 */
export function validateCorsOptions(options: CorsOptions): void {
  const { origins, credentials = false } = options
  if (origins === '*') {
    if (credentials) fail("origins '*' cannot be combined with credentials: true; list the allowed origins")
  } else if (Array.isArray(origins)) {
    for (const origin of origins) checkOrigin(origin)
  } else if (typeof origins !== 'function') {
    fail("origins must be an array of origins, '*' or a function")
  }
  checkTokens('methods', options.methods, false)
  checkTokens('allowHeaders', options.allowHeaders, !credentials)
  checkTokens('exposeHeaders', options.exposeHeaders, !credentials)
  const { maxAge } = options
  if (maxAge !== undefined && !(Number.isSafeInteger(maxAge) && maxAge >= 0)) {
    fail(`maxAge must be a whole number of seconds, got ${maxAge}`)
  }
  checked.add(options)
}

/**
 * Whether a request is a CORS preflight (Fetch §3.2.2): `OPTIONS` with both `Origin` and
 * `Access-Control-Request-Method`. A plain `OPTIONS` request is not one.
 *
 * @example
 * isPreflight('OPTIONS', new Headers({ origin: 'https://a.example', 'access-control-request-method': 'PUT' })) // true
 * @internal
 */
export function isPreflight(
  method: string,
  headers: { get(name: string): string | null | undefined },
): boolean {
  return method === 'OPTIONS' && !!headers.get('origin') && !!headers.get('access-control-request-method')
}

/**
 * Whether the options allow an `Origin` value; a missing or empty one is never allowed, nor one a
 * predicate would accept that cannot be echoed in a field value (RFC 9110 §5.5).
 *
 * @example
 * isOriginAllowed({ origins: ['https://a.example'] }, 'https://a.example') // true
 */
export function isOriginAllowed(options: CorsOptions, origin: string | null | undefined): boolean {
  if (!origin) return false
  const { origins } = options
  if (origins === '*') return true
  // A listed origin was checked at start; a predicate's is echoed as the client sent it.
  if (typeof origins === 'function') return isFieldValue(origin) && origins(origin) === true
  return origins.includes(origin)
}

/**
 * The headers of a successful preflight response (Fetch §3.2.3), or `null` when the origin, the
 * requested method or one of the requested header fields is not allowed — the caller then answers
 * without any CORS header and the browser blocks the request. Allowed methods are the route's methods
 * that the options allow; allowed headers are the configured ones, or else the requested ones.
 *
 * @example
 * preflightHeaders({ origins: ['https://a.example'] }, { origin: 'https://a.example', requestMethod: 'PUT' }, ['GET', 'PUT'])
 * // { 'access-control-allow-origin': 'https://a.example', 'access-control-allow-methods': 'GET, PUT',
 * //   vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' }
 * @internal
 */
export function preflightHeaders(
  options: CorsOptions,
  request: PreflightRequest,
  routeMethods: readonly string[],
): Record<string, string> | null {
  if (!checked.has(options)) validateCorsOptions(options)
  if (!isOriginAllowed(options, request.origin)) return null
  const configured = options.methods
  const methods = configured === undefined ? routeMethods : routeMethods.filter((m) => configured.includes(m))
  if (!methods.includes(request.requestMethod)) return null
  const requested = requestedHeaders(request.requestHeaders)
  if (requested === null) return null
  const configuredHeaders = options.allowHeaders
  if (configuredHeaders !== undefined && !requested.every((name) => headerAllowed(configuredHeaders, name)))
    return null
  const headers = originHeaders(options, request.origin)
  headers['access-control-allow-methods'] = methods.join(', ')
  const allowHeaders = configuredHeaders ?? requested
  if (allowHeaders.length > 0) headers['access-control-allow-headers'] = allowHeaders.join(', ')
  if (options.maxAge !== undefined) headers['access-control-max-age'] = String(options.maxAge)
  // The answer depends on these request fields, so caches must key on them (RFC 9110 §12.5.5).
  headers.vary = appendVary(headers.vary, ['Access-Control-Request-Method', 'Access-Control-Request-Headers'])
  return headers
}

/**
 * The CORS headers of an actual (non-preflight) response, error responses included so that scripts can
 * read them (Fetch §3.2.3). When the origin is not allowed (or absent) the result is only
 * `{ vary: 'Origin' }`: the response still depends on `Origin`. With `origins: '*'` and no credentials
 * the answer is `*` whatever the origin, so nothing varies.
 *
 * @example
 * responseHeaders({ origins: ['https://a.example'], exposeHeaders: ['ETag'] }, 'https://a.example')
 * // { 'access-control-allow-origin': 'https://a.example', 'access-control-expose-headers': 'ETag', vary: 'Origin' }
 * @internal
 */
export function responseHeaders(
  options: CorsOptions,
  origin: string | null | undefined,
): Record<string, string> {
  if (!checked.has(options)) validateCorsOptions(options)
  if (options.origins !== '*' && !isOriginAllowed(options, origin)) return { vary: 'Origin' }
  const headers = originHeaders(options, origin ?? '')
  const expose = options.exposeHeaders
  if (expose !== undefined && expose.length > 0) headers['access-control-expose-headers'] = expose.join(', ')
  return headers
}

function originHeaders(options: CorsOptions, origin: string): Record<string, string> {
  if (options.origins === '*' && !options.credentials) return { 'access-control-allow-origin': '*' }
  const headers: Record<string, string> = { 'access-control-allow-origin': origin }
  if (options.credentials) headers['access-control-allow-credentials'] = 'true'
  headers.vary = 'Origin' // Fetch §3.2.5: the answer echoes the origin, so it varies on it
  return headers
}

// Access-Control-Request-Headers is a comma-separated list of lower-case field names (Fetch §3.2.2);
// `null` when an item is not a field name (RFC 9110 §5.1), which no browser sends.
function requestedHeaders(value: string | null | undefined): string[] | null {
  if (!value) return []
  const names: string[] = []
  for (const item of value.split(',')) {
    const name = item.trim().toLowerCase()
    if (name === '') continue // RFC 9110 §5.6.1: empty list elements are ignored
    if (!isToken(name)) return null
    if (!names.includes(name)) names.push(name)
  }
  return names
}

// Fetch §4.8 (CORS-preflight fetch): every requested name must be listed, compared case-insensitively;
// `*` covers any name except `Authorization`, which must always be listed by name.
function headerAllowed(allowed: readonly string[], name: string): boolean {
  for (const item of allowed) if (item.toLowerCase() === name) return true
  return name !== 'authorization' && allowed.includes('*')
}

function checkOrigin(origin: unknown): void {
  if (typeof origin !== 'string') fail(`origins must hold strings, got ${typeof origin}`)
  if (origin === '*') fail("use origins: '*' rather than listing '*'")
  if (origin === 'null') {
    fail("the 'null' origin is shared by every sandboxed document and local file; it cannot be allowed")
  }
  let url: URL | undefined
  try {
    url = new URL(origin)
  } catch {}
  // WHATWG URL: non-special schemes (chrome-extension:…) have an opaque origin, so rebuild it.
  const serialized =
    url === undefined ? '' : url.origin !== 'null' ? url.origin : `${url.protocol}//${url.host}`
  if (serialized === origin && url?.host) return
  const hint = url?.host ? `; write ${JSON.stringify(serialized)}` : ''
  fail(`${JSON.stringify(origin)} is not a serialized origin like "https://example.com"${hint}`)
}

function checkTokens(name: string, list: readonly string[] | undefined, wildcard: boolean): void {
  if (list === undefined) return
  if (!Array.isArray(list)) fail(`${name} must be an array of names`)
  for (const item of list) {
    if (item === '*' && name === 'methods')
      fail("methods: omit the option to allow all of the route's methods")
    if (item === '*') {
      if (!wildcard) fail(`${name}: '*' is a literal name on credentialed requests; list the names`)
    } else if (typeof item !== 'string' || !isToken(item)) {
      fail(`${name}: ${JSON.stringify(item)} is not a valid ${name === 'methods' ? 'method' : 'field'} name`)
    }
  }
}

function fail(message: string): never {
  throw new TypeError('CORS: ' + message)
}
