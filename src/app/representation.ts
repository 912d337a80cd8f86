import { formatHttpDate } from '../http/http-date.js'
import { RestResponse } from '../http/rest-response.js'
import { appendVary } from '../http/vary.js'
import type { Exchange } from '../machine/exchange.js'

/**
 * Adds what the machine learned to the handler's representation: `Vary` and `Content-Language`
 * from negotiation; `ETag`, `Last-Modified` and `Cache-Control` on a 2xx to GET/HEAD (a PUT
 * response carries no validators, RFC 9110 §9.3.4).
 */
export function decorateSuccess(x: Exchange, response: RestResponse): RestResponse {
  const headers = response.headers
  addMachineHeaders(x, headers)
  const method = x.request.method
  if ((method === 'GET' || method === 'HEAD') && response.status >= 200 && response.status < 300) {
    addValidators(x, headers)
  }
  return response
}

/**
 * 201 Created for a PUT that created its resource (P11): RFC 9110 §9.3.4, "If the target resource
 * does not have a current representation and the PUT successfully creates one, then the origin
 * server MUST inform the user agent by sending a 201 (Created) response". Its `Location` is the
 * target, unless the handler named another.
 */
export function created(x: Exchange, response: RestResponse): RestResponse {
  response.status = 201
  response.headers.location ??= x.request.path
  return response
}

/** Vary and Content-Language, which every response of a negotiated route carries. */
export function addMachineHeaders(x: Exchange, headers: Record<string, string | string[]>): void {
  if (x.vary !== undefined) {
    const existing = headers.vary
    headers.vary = appendVary(Array.isArray(existing) ? existing.join(', ') : existing, x.vary)
  }
  if (x.language !== undefined) headers['content-language'] ??= x.language
}

/** ETag, Last-Modified and Cache-Control, as on a 200 to GET (and so on its 304, RFC 9110 §15.4.5). */
export function addValidators(x: Exchange, headers: Record<string, string | string[]>): void {
  if (x.etag !== undefined) headers.etag ??= x.etag
  if (x.lastModified !== undefined) headers['last-modified'] ??= formatHttpDate(x.lastModified)
  const cacheControl = x.plan?.cacheControl
  if (cacheControl !== undefined) headers['cache-control'] ??= cacheControl
}

/** 304 Not Modified: no content, and the headers a 200 would have carried (RFC 9110 §15.4.5). */
export function notModified(x: Exchange): RestResponse {
  const headers: Record<string, string | string[]> = {}
  addMachineHeaders(x, headers)
  addValidators(x, headers)
  return new RestResponse(304, headers, null)
}

/** 301 / 307 to where a missing resource now lives (RFC 9110 §15.4.2, §15.4.8). */
export function redirect(x: Exchange, status: number): RestResponse {
  return new RestResponse(status, { location: x.location as string }, null)
}
