import { RangeNotSatisfiable } from '../errors/index.js'
import {
  type ByteRange,
  buildMultipartByteRanges,
  formatContentRange,
  formatUnsatisfiedContentRange,
  multipartByteRangesLayout,
  RestResponse,
  type SliceableContent,
} from '../http/index.js'
import type { RangeSelection } from '../machine/index.js'

/**
 * 206 Partial Content (RFC 9110 §15.3.7) from the complete representation: one range → its bytes
 * and `Content-Range`; several → multipart/byteranges (§14.6). Works on dynamic content too: the
 * representation was rendered first, and is sliced here. Content read range by range (a file) is
 * never held whole: each range is read from it as the response is sent, and the exact
 * `Content-Length` is known beforehand.
 */
export function partialContent(representation: RestResponse, selection: RangeSelection): RestResponse {
  const { content, ranges } = selection
  const headers = { ...representation.headers }
  delete headers['content-length']
  if (ranges.length === 1) {
    const { start, end } = ranges[0] as ByteRange
    headers['content-range'] = formatContentRange(start, end, content.byteLength)
    if (content instanceof Uint8Array) return new RestResponse(206, headers, content.subarray(start, end + 1))
    headers['content-length'] = String(end - start + 1)
    return new RestResponse(206, headers, content.read(start, end))
  }
  const contentType = typeof headers['content-type'] === 'string' ? headers['content-type'] : undefined
  const boundary = crypto.randomUUID().replaceAll('-', '')
  if (content instanceof Uint8Array) {
    const multipart = buildMultipartByteRanges(content, ranges, contentType, boundary)
    headers['content-type'] = multipart.contentType
    return new RestResponse(206, headers, multipart.body)
  }
  const layout = multipartByteRangesLayout(content.byteLength, ranges, contentType, boundary)
  headers['content-type'] = layout.contentType
  headers['content-length'] = String(layout.byteLength)
  return new RestResponse(206, headers, multipartParts(content, ranges, layout.heads, layout.tail))
}

const ascii = new TextEncoder()

/** The multipart/byteranges payload of content read range by range: each head, then its range's bytes. */
async function* multipartParts(
  content: SliceableContent,
  ranges: readonly ByteRange[],
  heads: readonly string[],
  tail: string,
): AsyncIterable<Uint8Array> {
  for (let n = 0; n < ranges.length; n++) {
    const { start, end } = ranges[n] as ByteRange
    yield ascii.encode(heads[n] as string)
    yield* content.read(start, end)
  }
  yield ascii.encode(tail)
}

/** 416 Range Not Satisfiable, with the representation's length in `Content-Range` (RFC 9110 §15.5.17). */
export function rangeNotSatisfiable(reason: string, selection: RangeSelection): RangeNotSatisfiable {
  return new RangeNotSatisfiable(reason, {
    headers: { 'content-range': formatUnsatisfiedContentRange(selection.content.byteLength) },
  })
}
