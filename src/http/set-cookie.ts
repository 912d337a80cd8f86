import { formatHttpDate } from './http-date.js'
import { isToken } from './lexer.js'

/** Attributes of a Set-Cookie field (RFC 6265 §4.1.1, RFC 6265bis, CHIPS). */
export interface CookieOptions {
  /** Lifetime in whole seconds; 0 or less deletes the cookie (RFC 6265 §5.2.2). */
  readonly maxAge?: number
  /** Absolute expiry, sent as an IMF-fixdate. */
  readonly expires?: Date
  /** Path scope; `__Host-` cookies require `/`. */
  readonly path?: string
  /** Domain scope; `__Host-` cookies must not have one. */
  readonly domain?: string
  /** Send over secure channels only; required by `SameSite=None`, `Partitioned` and the prefixes. */
  readonly secure?: boolean
  /** Hide the cookie from scripts. */
  readonly httpOnly?: boolean
  /** Cross-site sending policy (RFC 6265bis §5.6.7). */
  readonly sameSite?: 'Strict' | 'Lax' | 'None'
  /** Partition the cookie by top-level site (CHIPS); requires `secure`. */
  readonly partitioned?: boolean
  /** Eviction priority, a non-standard attribute understood by Chromium. */
  readonly priority?: 'Low' | 'Medium' | 'High'
}

// RFC 6265bis §5.6: user agents ignore a cookie whose name and value exceed 4096 octets together,
// and an attribute whose value exceeds 1024 octets; failing loudly beats a cookie that silently vanishes.
const MAX_NAME_AND_VALUE = 4096
const MAX_ATTRIBUTE_VALUE = 1024

/**
 * Serialises a Set-Cookie field value (RFC 6265 §4.1.1). It validates at call time and throws a
 * TypeError for a name that is not a token, a value outside `cookie-octet` (optionally wrapped in
 * double quotes; encode anything else first, e.g. with `encodeURIComponent`), a path or domain with
 * forbidden characters, a non-integer `maxAge`, an invalid `expires`, `SameSite=None` or `Partitioned`
 * without `Secure`, and the prefix rules of RFC 6265bis §4.1.3 (`__Secure-` needs `Secure`; `__Host-`
 * needs `Secure`, `Path=/` and no `Domain`); and a RangeError when the cookie is too large for browsers.
 *
 * @example
 * serializeCookie('sid', 'abc123', { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' })
 * // 'sid=abc123; Path=/; Secure; HttpOnly; SameSite=Lax'
 */
// biome-ignore lint/complexity/noExcessiveCognitiveComplexity: one guarded branch per RFC 6265 §4.1.1 attribute (34); to be split into validate and serialize
export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  if (!isToken(name)) throw new TypeError(`Invalid cookie name: ${JSON.stringify(name)}`)
  if (!isCookieValue(value)) {
    throw new TypeError(
      `Invalid cookie value for ${name}: encode it first (for example with encodeURIComponent)`,
    )
  }
  if (name.length + value.length > MAX_NAME_AND_VALUE) {
    throw new RangeError(`Cookie ${name} is longer than ${MAX_NAME_AND_VALUE} bytes; browsers would drop it`)
  }
  const { maxAge, expires, path, domain, secure, httpOnly, sameSite, partitioned, priority } = options
  let out = name + '=' + value
  if (maxAge !== undefined) {
    if (!Number.isInteger(maxAge)) throw new TypeError(`Cookie maxAge must be an integer: ${maxAge}`)
    out += '; Max-Age=' + maxAge
  }
  if (expires !== undefined) {
    if (!(expires instanceof Date) || Number.isNaN(expires.getTime())) {
      throw new TypeError(`Cookie expires must be a valid Date`)
    }
    out += '; Expires=' + formatHttpDate(expires) // RFC 6265 §4.1.1: sane-cookie-date = rfc1123-date
  }
  if (domain !== undefined) {
    if (!isDomain(domain)) throw new TypeError(`Invalid cookie domain: ${JSON.stringify(domain)}`)
    out += '; Domain=' + domain
  }
  if (path !== undefined) {
    if (!isPath(path)) throw new TypeError(`Invalid cookie path: ${JSON.stringify(path)}`)
    if (path.length > MAX_ATTRIBUTE_VALUE)
      throw new RangeError(`Cookie path is longer than ${MAX_ATTRIBUTE_VALUE} bytes`)
    out += '; Path=' + path
  }
  if (secure) out += '; Secure'
  if (httpOnly) out += '; HttpOnly'
  if (sameSite !== undefined) {
    if (sameSite !== 'Strict' && sameSite !== 'Lax' && sameSite !== 'None') {
      throw new TypeError(`Invalid cookie SameSite: ${String(sameSite)}`)
    }
    // RFC 6265bis §5.6.7: browsers reject SameSite=None without Secure.
    if (sameSite === 'None' && !secure) throw new TypeError(`Cookie ${name} has SameSite=None without Secure`)
    out += '; SameSite=' + sameSite
  }
  if (partitioned) {
    if (!secure) throw new TypeError(`Cookie ${name} is Partitioned without Secure`)
    out += '; Partitioned'
  }
  if (priority !== undefined) {
    if (priority !== 'Low' && priority !== 'Medium' && priority !== 'High') {
      throw new TypeError(`Invalid cookie Priority: ${String(priority)}`)
    }
    out += '; Priority=' + priority
  }
  checkPrefix(name, options)
  return out
}

/** RFC 6265bis §4.1.3: prefixes are matched case-insensitively, as user agents do. */
function checkPrefix(name: string, { secure, path, domain }: CookieOptions): void {
  const lower = name.slice(0, 9).toLowerCase()
  if (lower.startsWith('__secure-') && !secure) {
    throw new TypeError(`Cookie ${name} has the __Secure- prefix and needs secure: true`)
  }
  if (lower.startsWith('__host-') && (!secure || path !== '/' || domain !== undefined)) {
    throw new TypeError(
      `Cookie ${name} has the __Host- prefix and needs secure: true, path: '/' and no domain`,
    )
  }
}

/** RFC 6265 §4.1.1: cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E, optionally in DQUOTEs. */
function isCookieValue(value: string): boolean {
  let start = 0
  let end = value.length
  if (end >= 2 && value.charCodeAt(0) === 0x22 && value.charCodeAt(end - 1) === 0x22) {
    start = 1
    end--
  }
  for (let i = start; i < end; i++) {
    const code = value.charCodeAt(i)
    if (code < 0x21 || code > 0x7e || code === 0x22 || code === 0x2c || code === 0x3b || code === 0x5c)
      return false
  }
  return true
}

/** RFC 6265 §4.1.1: path-value = *av-octet, any CHAR except CTLs or ";". */
function isPath(path: string): boolean {
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i)
    if (code < 0x20 || code > 0x7e || code === 0x3b) return false
  }
  return true
}

/**
 * RFC 6265 §4.1.2.3 and RFC 1034 §3.5 (as relaxed by RFC 1123 §2.1): dot-separated labels of letters,
 * digits and inner hyphens, at most 63 characters each; a leading dot is allowed and ignored by UAs.
 */
function isDomain(domain: string): boolean {
  const start = domain.charCodeAt(0) === 0x2e ? 1 : 0
  if (domain.length === start || domain.length > 253 + start) return false
  let label = 0
  for (let i = start; i <= domain.length; i++) {
    const code = i === domain.length ? 0x2e : domain.charCodeAt(i)
    if (code === 0x2e) {
      if (label === 0 || domain.charCodeAt(i - 1) === 0x2d) return false
      label = 0
      continue
    }
    const alnum =
      (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
    if (!(alnum || (code === 0x2d && label > 0)) || ++label > 63) return false
  }
  return true
}
