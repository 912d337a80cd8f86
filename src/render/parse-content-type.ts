import { BadRequest } from '../errors/index.js'
import { type MediaType, parseMediaType } from '../http/index.js'

/**
 * Parses a request's `Content-Type` value for a body parser (RFC 9110 §8.3), refusing a malformed one
 * with 400. The message never repeats the value.
 *
 * @example
 * parseContentType('text/plain; charset=utf-8').params.charset // 'utf-8'
 */
export function parseContentType(contentType: string): MediaType {
  const parsed = parseMediaType(contentType)
  if (parsed === null) throw new BadRequest('The Content-Type header is malformed')
  return parsed
}

// WHATWG Encoding §4.2: every label of the UTF-8 encoding.
const UTF8_LABELS = new Set([
  'unicode-1-1-utf-8',
  'unicode11utf8',
  'unicode20utf8',
  'utf-8',
  'utf8',
  'x-unicode20utf8',
])

/**
 * Whether a charset label names UTF-8 (WHATWG Encoding §4.2: labels compare ASCII case-insensitively
 * after trimming whitespace), so `UTF8` and `unicode-1-1-utf-8` count too.
 *
 * @example
 * isUtf8Charset('UTF-8') // true
 * isUtf8Charset('iso-8859-1') // false
 */
export function isUtf8Charset(label: string): boolean {
  return UTF8_LABELS.has(label.trim().toLowerCase())
}
