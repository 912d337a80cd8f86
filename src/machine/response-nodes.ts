import { isThenable } from '../di/index.js'
import {
  coalesceRanges,
  ifRangeMatches,
  isSliceableContent,
  parseRange,
  type RestResponse,
  type SliceableContent,
} from '../http/index.js'
import type { HandledExchange, RoutedExchange } from './exchange.js'
import { renderResult } from './render-result.js'
import type { Handler } from './route-plan.js'

// The success branch, after INPUT: the handler runs and its value is rendered (HANDLER), then the
// status of the representation is decided — 201 for a resource the request created (P11), 206 or
// 416 for a Range (PARTIAL, SATISFIABLE), 200 otherwise. webmachine's O18 (300 Multiple Choices)
// has no counterpart: C4 always chooses one representation. Its O20 (204 No Content) is the
// renderer's, for a handler that returned nothing, and leaves by HANDLER's "no" edge — except after a
// PUT that created its resource, which must answer 201 even without content (RFC 9110 §9.3.4).

const encoder = new TextEncoder()

/**
 * HANDLER "Handler's answer is 200 OK?" — runs the route's handler with the request's context and
 * renders what it returned (the representation). A representation with any other status (204 for
 * nothing, or a status the handler chose) is sent as it is.
 */
export function handlerAnswersOk(exchange: RoutedExchange): boolean | Promise<boolean> {
  // HANDLER is reached only from INPUT, on a route with a handler (B3 ends the implicit OPTIONS).
  const result = (exchange.plan.handler as Handler)(exchange.context)
  // No closure on the synchronous path: this runs for every successful request.
  if (isThenable(result)) return Promise.resolve(result).then((settled) => represent(exchange, settled))
  return represent(exchange, result)
}

function represent(exchange: RoutedExchange, result: unknown): boolean {
  const representation = renderResult(exchange, result)
  exchange.representation = representation
  if (representation.status === 200) return true
  // Nothing returned for a resource I7 created: on to P11, whose 201 replaces the renderer's 204
  // (RFC 9110 §9.3.4: "MUST inform the user agent by sending a 201"). A 204 the handler chose stays.
  return (result === undefined || result === null) && exchange.found === false
}

/**
 * P11 "New resource?" — the request came through I7: a PUT created the resource, so the answer is
 * 201 + Location (RFC 9110 §9.3.4: "the origin server MUST inform the user agent by sending a 201").
 */
export function p11NewResource(exchange: HandledExchange): boolean {
  return exchange.found === false
}

/**
 * PARTIAL "Range requested?" — on a route with `ranges`, a GET for a complete representation (text
 * or bytes in memory, or {@link SliceableContent} such as a file, read range by range) with a
 * `Range` field that applies (RFC 9110 §14.2: unknown units and invalid syntax are ignored;
 * `If-Range` honours it only for a strong ETag or an exact Last-Modified match, §13.1.5). Such a
 * representation advertises `Accept-Ranges: bytes` on GET and HEAD, unless it carries a content
 * coding: ranges are served of the identity form (§14.1.1).
 */
export function partialRequested(exchange: HandledExchange): boolean {
  const method = exchange.request.method
  const response = exchange.representation
  if (method !== 'GET' && method !== 'HEAD') return false
  if (!rangeable(response)) return false
  response.headers['accept-ranges'] = 'bytes'
  // RFC 9110 §14.2: Range is defined for GET only; HEAD just advertises it.
  const range = method === 'GET' ? exchange.request.headers.get('range') : null
  if (range === null) return false
  const ifRange = exchange.request.headers.get('if-range')
  if (
    ifRange !== null &&
    !ifRangeMatches(ifRange, { etag: exchange.etag, lastModified: exchange.lastModified })
  )
    return false
  const body = response.body as string | Uint8Array | SliceableContent
  const content = typeof body === 'string' ? encoder.encode(body) : body
  const parsed = parseRange(range, content.byteLength)
  if (parsed.kind === 'ignored' || parsed.kind === 'invalid') return false
  // Overlapping ranges are merged so a client cannot multiply the response (RFC 9110 §14.2).
  const ranges =
    parsed.kind === 'unsatisfiable'
      ? []
      : parsed.ranges.length === 1
        ? parsed.ranges
        : coalesceRanges(parsed.ranges)
  exchange.range = { content, ranges }
  return true
}

/** Whether ranges can be taken of the representation: complete, of known length, without a coding. */
function rangeable(response: RestResponse): boolean {
  const body = response.body
  return (
    typeof body === 'string' ||
    body instanceof Uint8Array ||
    (isSliceableContent(body) && response.headers['content-encoding'] === undefined)
  )
}

/** SATISFIABLE "Range satisfiable?" — at least one requested range overlaps the representation (→ 206, else 416). */
export function rangeSatisfiable(exchange: HandledExchange): boolean {
  return exchange.range !== undefined && exchange.range.ranges.length > 0
}
