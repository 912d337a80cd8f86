import { RangeNotSatisfiable } from '../errors/status-errors.js'
import {
  coalesceRanges,
  formatContentRange,
  formatUnsatisfiedContentRange,
  parseRange,
} from '../http/byte-range.js'
import { ifRangeMatches } from '../http/if-range.js'
import { buildMultipartByteRanges } from '../http/multipart-byteranges.js'
import { RestResponse } from '../http/rest-response.js'
import type { Exchange } from '../machine/exchange.js'

const encoder = new TextEncoder()

/**
 * Applies a `Range` request to a complete 200 response of a route that opted in (RFC 9110 §14):
 * one range → 206 + Content-Range; several → 206 multipart/byteranges (§14.6); none satisfiable →
 * 416 with an unsatisfied Content-Range (only the length); unknown units and invalid syntax are ignored (§14.2);
 * `If-Range` honours the range only for a strong ETag or an exact Last-Modified match (§13.1.5).
 * Works on dynamic content too: the representation is rendered first, then sliced.
 */
export function applyRange(x: Exchange, response: RestResponse): RestResponse {
  const method = x.request.method
  if ((method !== 'GET' && method !== 'HEAD') || response.status !== 200) return response
  const body = response.body
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) return response
  response.headers['accept-ranges'] = 'bytes'
  // RFC 9110 §14.2: Range is defined for GET only; HEAD just advertises it.
  if (method !== 'GET') return response
  const range = x.request.headers.get('range')
  if (range === null) return response
  const ifRange = x.request.headers.get('if-range')
  if (ifRange !== null && !ifRangeMatches(ifRange, { etag: x.etag, lastModified: x.lastModified }))
    return response
  const bytes = typeof body === 'string' ? encoder.encode(body) : body
  const parsed = parseRange(range, bytes.byteLength)
  if (parsed.kind === 'ignored' || parsed.kind === 'invalid') return response
  if (parsed.kind === 'unsatisfiable') {
    throw new RangeNotSatisfiable('None of the requested ranges can be satisfied', {
      headers: { 'content-range': formatUnsatisfiedContentRange(bytes.byteLength) },
    })
  }
  const headers = { ...response.headers }
  delete headers['content-length']
  // Overlapping ranges are merged so a client cannot multiply the response (RFC 9110 §14.2).
  const ranges = parsed.ranges.length === 1 ? parsed.ranges : coalesceRanges(parsed.ranges)
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
