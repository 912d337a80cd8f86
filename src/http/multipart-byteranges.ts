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
  const layout = multipartByteRangesLayout(data.length, ranges, contentType, boundary)
  const body = new Uint8Array(layout.byteLength)
  let offset = 0
  for (let n = 0; n < ranges.length; n++) {
    const { start, end } = ranges[n] as ByteRange
    offset = writeAscii(body, offset, layout.heads[n] as string)
    body.set(data.subarray(start, end + 1), offset)
    offset += end - start + 1
  }
  writeAscii(body, offset, layout.tail)
  return { body, contentType: layout.contentType }
}

/** The framing of a `multipart/byteranges` payload, for content sent part by part. */
export interface MultipartByteRangesLayout {
  /** Before each range's bytes: its delimiter and part header fields (ASCII). */
  readonly heads: readonly string[]
  /** After the last range: the close delimiter (ASCII). */
  readonly tail: string
  /** The whole payload's length in bytes, heads, ranges and tail together. */
  readonly byteLength: number
  /** The Content-Type of the response, `multipart/byteranges; boundary=…`. */
  readonly contentType: string
}

/**
 * The framing of a `multipart/byteranges` payload (RFC 9110 §14.6) for a representation of `length`
 * bytes: what goes before each range and after the last, and the total length, so the parts can be
 * streamed from content that is never held whole. Same rules and errors as
 * {@link buildMultipartByteRanges}, which is built on it.
 *
 * @example
 * const layout = multipartByteRangesLayout(1000, [{ start: 0, end: 9 }], 'text/plain', 'b0undary')
 * // layout.heads[0] === '--b0undary\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-9/1000\r\n\r\n'
 */
export function multipartByteRangesLayout(
  length: number,
  ranges: readonly ByteRange[],
  contentType: string | null | undefined,
  boundary: string,
): MultipartByteRangesLayout {
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
    if (start < 0 || end < start || end >= length)
      throw new RangeError(`Range ${start}-${end} is outside the data`)
    const head =
      (n === 0 ? '--' : '\r\n--') +
      boundary +
      '\r\n' +
      typeLine +
      'Content-Range: ' +
      formatContentRange(start, end, length) +
      '\r\n\r\n'
    heads.push(head)
    size += head.length + (end - start + 1)
  }
  const tail = (ranges.length === 0 ? '--' : '\r\n--') + boundary + '--\r\n'
  const parameter = isToken(boundary) ? boundary : '"' + boundary + '"'
  return {
    heads,
    tail,
    byteLength: size + tail.length,
    contentType: 'multipart/byteranges; boundary=' + parameter,
  }
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
