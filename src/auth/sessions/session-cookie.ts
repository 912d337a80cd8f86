/**
 * Attributes of the session cookie.
 *
 * @example
 * sessionCookie('sid', id, 3600, { secure: true, sameSite: 'Strict', path: '/' })
 */
export interface SessionCookieAttributes {
  /** `Secure` (RFC 6265 §4.1.2.5): send over HTTPS only. */
  readonly secure: boolean
  /** `SameSite` (RFC 6265bis §4.1.2.7). */
  readonly sameSite: 'Lax' | 'Strict' | 'None'
  /** `Path` (default `/`, so every route sees it). */
  readonly path: string
  /** `Domain`; leave it out so the cookie stays host-only (safer). */
  readonly domain?: string
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/ // RFC 9110 §5.6.2 token: a valid cookie name
const SAFE_VALUE = /^[A-Za-z0-9_-]*$/
const SAFE_ATTRIBUTE = /^[\x21-\x3a\x3c-\x7e]+$/ // printable, no ';' (RFC 6265 §4.1.1 av-octet)

/**
 * Formats the session's `Set-Cookie` value (RFC 6265 §4.1): `HttpOnly` always (scripts never see
 * the id), then `SameSite`, `Path`, `Max-Age` and, on HTTPS, `Secure`. `maxAge` 0 deletes it
 * (RFC 6265 §5.2.2).
 *
 * @example
 * sessionCookie('session_id', id, 604800, { secure: false, sameSite: 'Lax', path: '/' })
 * // 'session_id=…; HttpOnly; SameSite=Lax; Path=/; Max-Age=604800'
 */
export function sessionCookie(
  name: string,
  value: string,
  maxAge: number,
  attributes: SessionCookieAttributes,
): string {
  if (!TOKEN.test(name)) throw new TypeError(`Invalid cookie name ${JSON.stringify(name)}`)
  if (!SAFE_VALUE.test(value)) throw new TypeError('A session cookie value must be base64url')
  if (!Number.isInteger(maxAge) || maxAge < 0) throw new TypeError('maxAge must be a whole number of seconds')
  if (attributes.sameSite === 'None' && !attributes.secure) {
    throw new TypeError('SameSite=None needs Secure (RFC 6265bis §5.6.7)')
  }
  if (!SAFE_ATTRIBUTE.test(attributes.path)) throw new TypeError('Invalid cookie path')
  let cookie = `${name}=${value}; HttpOnly; SameSite=${attributes.sameSite}; Path=${attributes.path}; Max-Age=${maxAge}`
  if (attributes.domain !== undefined) {
    if (!SAFE_ATTRIBUTE.test(attributes.domain)) throw new TypeError('Invalid cookie domain')
    cookie += `; Domain=${attributes.domain}`
  }
  if (attributes.secure) cookie += '; Secure'
  return cookie
}
