import { ContentTooLarge, UnsupportedMediaType } from '../errors/index.js'
import type { BodyParser } from './body-parsers.js'
import { isUtf8Charset, parseContentType } from './parse-content-type.js'

/**
 * Parsed form fields: one string per name, or an array when the name is repeated. Null prototype.
 *
 * @example
 * const fields: FormFields = parseUrlencoded(bytes, 'application/x-www-form-urlencoded') // { tag: ['a', 'b'] }
 */
export type FormFields = Record<string, string | string[]>

/**
 * Options of {@link urlencodedBodyParser}.
 *
 * @example
 * const options: UrlencodedOptions = { maxFields: 100 }
 */
export interface UrlencodedOptions {
  /** The most name/value pairs accepted; more → 413. Default 1000. */
  maxFields?: number
}

// WHATWG URL §5.1: names and values are decoded as UTF-8 "without BOM" and invalid sequences become
// U+FFFD rather than failing, so the decoder is lenient and keeps a leading BOM as a character.
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true })

/**
 * Parses `application/x-www-form-urlencoded` content with the WHATWG URL §5.1 parser (`URLSearchParams`):
 * `+` is a space, invalid percent-encoding is kept literally and invalid UTF-8 becomes U+FFFD, as
 * browsers do. Repeated names become arrays in order. The result has a null prototype, so keys such as
 * `__proto__` or `constructor` are ordinary fields. A `charset` parameter other than UTF-8 → 415 (the
 * format is UTF-8 only); more than `maxFields` pairs → 413.
 *
 * @example
 * parseUrlencoded(new TextEncoder().encode('a=1&a=2&b=x+y'), 'application/x-www-form-urlencoded')
 * // { a: ['1', '2'], b: 'x y' }
 */
export function parseUrlencoded(
  bytes: Uint8Array,
  contentType: string,
  options: UrlencodedOptions = {},
): FormFields {
  const charset = parseContentType(contentType).params.charset
  if (charset !== undefined && !isUtf8Charset(charset)) {
    throw new UnsupportedMediaType('Form content must be UTF-8; remove the charset parameter or send UTF-8')
  }
  const maxFields = options.maxFields ?? 1000
  const fields: FormFields = Object.create(null)
  if (bytes.byteLength === 0) return fields
  // Counted before parsing, so a flood of pairs is refused without building them all.
  if (countPairs(bytes, maxFields) > maxFields) {
    throw new ContentTooLarge(`Form content has more than ${maxFields} fields`)
  }
  let count = 0
  for (const [name, value] of new URLSearchParams(lenientUtf8.decode(bytes))) {
    if (++count > maxFields) throw new ContentTooLarge(`Form content has more than ${maxFields} fields`)
    const existing = fields[name]
    if (existing === undefined) fields[name] = value
    else if (typeof existing === 'string') fields[name] = [existing, value]
    else existing.push(value)
  }
  return fields
}

/** The non-empty `&`-separated sequences (WHATWG URL §5.1 step 1), counting no further than `stopAfter + 1`. */
function countPairs(bytes: Uint8Array, stopAfter: number): number {
  let count = 0
  for (let start = 0; start < bytes.byteLength; ) {
    let ampersand = bytes.indexOf(0x26, start)
    if (ampersand === -1) ampersand = bytes.byteLength
    if (ampersand > start && ++count > stopAfter) break
    start = ampersand + 1
  }
  return count
}

/**
 * A body parser for `application/x-www-form-urlencoded` that yields {@link FormFields}; see
 * {@link parseUrlencoded}.
 *
 * @example
 * await urlencodedBodyParser({ maxFields: 50 }).parse(bytes, 'application/x-www-form-urlencoded')
 */
export function urlencodedBodyParser(options: UrlencodedOptions = {}): BodyParser {
  return {
    mediaTypes: ['application/x-www-form-urlencoded'],
    parse: (bytes, contentType) => parseUrlencoded(bytes, contentType, options),
  }
}
