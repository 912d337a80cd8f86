import { BadRequest, UnsupportedMediaType } from '../errors/index.js'
import type { BodyParser } from './body-parsers.js'
import { isUtf8Charset, parseContentType } from './parse-content-type.js'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Decodes `text/plain` content to a string in the charset its `charset` parameter names (any label of
 * the WHATWG Encoding standard), UTF-8 when there is none — RFC 6657 §4 lets senders rely on the
 * charset parameter, and UTF-8 is a superset of the historical US-ASCII default (RFC 2046 §4.1.2).
 * A byte order mark is dropped. Content that is not valid in its charset → 400; a charset this
 * runtime cannot decode → 415.
 *
 * @example
 * parseText(new TextEncoder().encode('hi'), 'text/plain') // 'hi'
 * parseText(new Uint8Array([0xe9]), 'text/plain; charset=iso-8859-1') // 'é'
 */
export function parseText(bytes: Uint8Array, contentType: string): string {
  const charset = parseContentType(contentType).params.charset
  const decoder = charset === undefined || isUtf8Charset(charset) ? utf8 : decoderFor(charset)
  try {
    return decoder.decode(bytes)
  } catch {
    const name = decoder.encoding === 'utf-8' ? 'UTF-8' : decoder.encoding
    throw new BadRequest(`Request body is not valid ${name}`)
  }
}

function decoderFor(charset: string): TextDecoder {
  try {
    return new TextDecoder(charset, { fatal: true })
  } catch {
    // RangeError: an unknown label, or one mapped to the "replacement" encoding (WHATWG Encoding §4.2).
    throw new UnsupportedMediaType('Unsupported charset in the Content-Type header; send UTF-8')
  }
}

/**
 * A body parser for `text/plain` that yields the decoded string; see {@link parseText}.
 *
 * @example
 * await textBodyParser().parse(bytes, 'text/plain; charset=utf-8') // the text
 */
export function textBodyParser(): BodyParser {
  return { mediaTypes: ['text/plain'], parse: parseText }
}
