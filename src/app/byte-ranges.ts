import { RangeNotSatisfiable } from '../errors/index.js'
import {
  buildMultipartByteRanges,
  formatContentRange,
  formatUnsatisfiedContentRange,
  RestResponse,
} from '../http/index.js'
import type { RangeSelection } from '../machine/index.js'

/**
 * 206 Partial Content (RFC 9110 §15.3.7) from the complete representation: one range → its bytes
 * and `Content-Range`; several → multipart/byteranges (§14.6). Works on dynamic content too: the
 * representation was rendered first, and is sliced here.
 */
export function partialContent(representation: RestResponse, selection: RangeSelection): RestResponse {
  const { bytes, ranges } = selection
  const headers = { ...representation.headers }
  delete headers['content-length']
  if (ranges.length === 1) {
    const { start, end } = ranges[0] as { start: number; end: number }
    headers['content-range'] = formatContentRange(start, end, bytes.byteLength)
    return new RestResponse(206, headers, bytes.subarray(start, end + 1))
  }
  const contentType = typeof headers['content-type'] === 'string' ? headers['content-type'] : undefined
  const boundary = crypto.randomUUID().replaceAll('-', '')
  const multipart = buildMultipartByteRanges(bytes, ranges, contentType, boundary)
  headers['content-type'] = multipart.contentType
  return new RestResponse(206, headers, multipart.body)
}

/** 416 Range Not Satisfiable, with the representation's length in `Content-Range` (RFC 9110 §15.5.17). */
export function rangeNotSatisfiable(reason: string, selection: RangeSelection): RangeNotSatisfiable {
  return new RangeNotSatisfiable(reason, {
    headers: { 'content-range': formatUnsatisfiedContentRange(selection.bytes.byteLength) },
  })
}
