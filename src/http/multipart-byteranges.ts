import type { ByteRange } from './byte-range.js'
import { formatContentRange } from './byte-range.js'
import { isToken } from './lexer.js'

/** A `multipart/byteranges` payload ready to send with a 206 response. */
export interface MultipartByteRanges {
  /** The encoded multipart body. */
  readonly body: Uint8Array
  /** The Content-Type of the response, `multipart/byteranges; boundary=…`. */
  readonly contentType: string
}

/**
 * Builds a `multipart/byteranges` body (RFC 9110 §14.6) from a complete representation: one part per
 * range, each with the representation's Content-Type (omitted when `contentType` is null) and its
 * Content-Range, in the order given. The caller supplies the boundary (for instance from
 * `crypto.randomUUID()`), which must follow RFC 2046 §5.1.1 (1 to 70 characters from its set, not
 * ending in a space) and must not occur in the data; throws a TypeError for a bad boundary or a
 * content type holding control characters, and a RangeError for a range outside the data.
 *
 * @example
 * const ranges = [{ start: 0, end: 9 }, { start: 20, end: 29 }]
 * const { body, contentType } = buildMultipartByteRanges(bytes, ranges, 'text/plain', 'b0undary')
 * // contentType === 'multipart/byteranges; boundary=b0undary'
 */
export function buildMultipartByteRanges(
  data: Uint8Array,
  ranges: readonly ByteRange[],
  contentType: string | null | undefined,
  boundary: string,
): MultipartByteRanges {
  if (!isBoundary(boundary)) throw new TypeError(`Invalid multipart boundary: ${JSON.stringify(boundary)}`)
  if (contentType != null && !isFieldValue(contentType)) {
    throw new TypeError(`Invalid Content-Type for a multipart part: ${JSON.stringify(contentType)}`)
  }
  const typeLine = contentType == null ? '' : 'Content-Type: ' + contentType + '\r\n'
  // RFC 2046 §5.1.1: the CRLF before each delimiter belongs to the delimiter, not to the part.
  const heads: string[] = []
  let size = 0
  for (let n = 0; n < ranges.length; n++) {
    const { start, end } = ranges[n] as ByteRange
    const head =
      (n === 0 ? '--' : '\r\n--') +
      boundary +
      '\r\n' +
      typeLine +
      'Content-Range: ' +
      formatContentRange(start, end, data.length) +
      '\r\n\r\n'
    heads.push(head)
    size += head.length + (end - start + 1)
  }
  const tail = (ranges.length === 0 ? '--' : '\r\n--') + boundary + '--\r\n'
  const body = new Uint8Array(size + tail.length)
  let offset = 0
  for (let n = 0; n < ranges.length; n++) {
    const { start, end } = ranges[n] as ByteRange
    offset = writeAscii(body, offset, heads[n] as string)
    body.set(data.subarray(start, end + 1), offset)
    offset += end - start + 1
  }
  writeAscii(body, offset, tail)
  const parameter = isToken(boundary) ? boundary : '"' + boundary + '"'
  return { body, contentType: 'multipart/byteranges; boundary=' + parameter }
}

/** Every character is ASCII here (checked above), so one byte per UTF-16 code unit. */
function writeAscii(target: Uint8Array, offset: number, text: string): number {
  for (let i = 0; i < text.length; i++) target[offset + i] = text.charCodeAt(i)
  return offset + text.length
}

/** RFC 2046 §5.1.1: boundary := 0*69<bchars> bcharsnospace, at least one character. */
function isBoundary(boundary: string): boolean {
  if (boundary.length === 0 || boundary.length > 70 || boundary.endsWith(' ')) return false
  for (let i = 0; i < boundary.length; i++) {
    const code = boundary.charCodeAt(i)
    const alnum =
      (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
    if (!alnum && "'()+_,-./:=? ".indexOf(boundary[i] as string) === -1) return false
  }
  return true
}

/** Printable ASCII and spaces only: no CR/LF to break out of the part header, nothing multi-byte. */
function isFieldValue(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if ((code < 0x20 && code !== 0x09) || code > 0x7e) return false
  }
  return true
}
