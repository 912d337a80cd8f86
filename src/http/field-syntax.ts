import { isToken } from './lexer.js'
import type { ResponseHeaders } from './rest-response.js'

// RFC 9110 §5.5: field-value = *field-content, made of VCHAR, obs-text (0x80–0xFF), SP and HTAB.
// So no CR, LF or NUL (the three §5.5 names: they end or cut a field line, which splits the
// response), no other control character, and no UTF-16 unit above 0xFF (no octet at all: Node's
// HTTP/1.1 and Fetch's Headers refuse it, and a Latin-1 cut of U+010A would be an LF).
const NOT_FIELD_VALUE = /[^\t\x20-\x7e\x80-\xff]/

// The names the framework itself writes (and the common ones handlers do), known to be tokens: one
// hash lookup of an interned string instead of a regular expression on almost every field.
const KNOWN_NAMES: ReadonlySet<string> = new Set([
  'accept-ranges',
  'access-control-allow-credentials',
  'access-control-allow-headers',
  'access-control-allow-methods',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'access-control-max-age',
  'allow',
  'cache-control',
  'connection',
  'content-disposition',
  'content-encoding',
  'content-language',
  'content-length',
  'content-location',
  'content-range',
  'content-security-policy',
  'content-security-policy-report-only',
  'content-type',
  'cross-origin-embedder-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'etag',
  'expires',
  'last-modified',
  'link',
  'location',
  'origin-agent-cluster',
  'permissions-policy',
  'ratelimit',
  'ratelimit-policy',
  'referrer-policy',
  'retry-after',
  'set-cookie',
  'strict-transport-security',
  'vary',
  'www-authenticate',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-request-id',
  'x-restmachine-trace',
  'x-xss-protection',
])

/**
 * Field names and values already found sendable, kept by one application (validity is a property of
 * the string alone). Most are the same strings on every request (`application/json`, a handler's
 * literal `no-store`), whose hash the engine keeps: a lookup costs a fraction of the regular
 * expression. Bounded: past {@link SendableStrings.limit} strings, others are only checked; long
 * ones are never kept. One per application, so nothing outlives it.
 *
 * @example
 * const seen = new SendableStrings()
 * unsendableField({ 'content-type': 'application/json' }, seen) // undefined; the value is now known
 */
export class SendableStrings {
  readonly #strings = new Set<string>()
  /** The most strings kept. */
  readonly limit = 1024
  /** The longest string kept. */
  readonly maxLength = 128

  has(text: string): boolean {
    return this.#strings.has(text)
  }

  remember(text: string): void {
    if (this.#strings.size < this.limit && text.length <= this.maxLength) this.#strings.add(text)
  }
}

/** {@link isFieldValue}, remembering the strings that pass. */
function sendableValue(value: string, seen: SendableStrings | undefined): boolean {
  if (seen?.has(value)) return true
  if (NOT_FIELD_VALUE.test(value)) return false
  seen?.remember(value)
  return true
}

/** {@link isFieldName}, remembering the names that pass. */
function sendableName(name: string, seen: SendableStrings | undefined): boolean {
  if (KNOWN_NAMES.has(name) || seen?.has(name)) return true
  // RFC 9110 §5.1: a field name is a token (§5.6.2).
  if (!isToken(name)) return false
  seen?.remember(name)
  return true
}

/**
 * Whether a string may be sent as a field name: a non-empty token (RFC 9110 §5.1, §5.6.2).
 *
 * @example
 * isFieldName('X-Echo') // true
 * isFieldName('X Echo') // false
 */
export function isFieldName(name: string): boolean {
  return KNOWN_NAMES.has(name) || isToken(name)
}

/**
 * Whether a string may be sent as a field value (RFC 9110 §5.5): no CR, LF, NUL or other control
 * character but HTAB, and only octets (no UTF-16 unit above 0xFF).
 *
 * @example
 * isFieldValue('text/plain; charset=utf-8') // true
 * isFieldValue('a\r\nSet-Cookie: x=1') // false
 */
export function isFieldValue(value: string): boolean {
  return !NOT_FIELD_VALUE.test(value)
}

/**
 * The name of the first field of a response that cannot be sent as it is (a name that is no token,
 * or a value that is not a string of field-value octets: RFC 9110 §5.1, §5.5), or `undefined` when
 * every field can; with `seen`, strings found sendable are remembered there. Each adapter would otherwise fail its own way: Node's HTTP/1.1 throws, Node's
 * HTTP/2 sends it (RFC 9113 §8.2.1 forbids it), `new Headers` throws, Lambda hands it to AWS.
 *
 * @example
 * unsendableField({ 'content-type': 'text/plain', 'x-echo': 'a\nb' }) // 'x-echo'
 */
export function unsendableField(headers: ResponseHeaders, seen?: SendableStrings): string | undefined {
  // for…in, not Object.keys: no array per response on this per-request path.
  for (const name in headers) {
    if (!sendableName(name, seen)) return name
    const value: unknown = headers[name]
    if (typeof value === 'string') {
      if (!sendableValue(value, seen)) return name
    } else if (!isFieldValueList(value, seen)) return name
  }
  return undefined
}

/** An array of field values (several `Set-Cookie` lines, say), each sendable. */
function isFieldValueList(value: unknown, seen: SendableStrings | undefined): boolean {
  if (!Array.isArray(value)) return false
  for (const item of value) if (typeof item !== 'string' || !sendableValue(item, seen)) return false
  return true
}

/**
 * Removes every field {@link unsendableField} would name, returning their names.
 *
 * @example
 * const headers = { 'x-echo': 'a\nb', vary: 'Accept' }
 * dropUnsendableFields(headers) // ['x-echo']; headers is { vary: 'Accept' }
 */
export function dropUnsendableFields(headers: ResponseHeaders): string[] {
  const dropped: string[] = []
  for (let name = unsendableField(headers); name !== undefined; name = unsendableField(headers)) {
    dropped.push(name)
    delete headers[name]
  }
  return dropped
}
