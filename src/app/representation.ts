import { appendVary, formatHttpDate, RestResponse } from '../http/index.js'
import type { Exchange } from '../machine/index.js'
import { notModifiedTag } from './compression.js'

/**
 * Adds what the machine learned to the handler's representation: `Vary` and `Content-Language`
 * from negotiation; `ETag`, `Last-Modified` and `Cache-Control` on a 2xx to GET/HEAD (a PUT
 * response carries no validators, RFC 9110 §9.3.4).
 */
export function decorateSuccess(exchange: Exchange, response: RestResponse): RestResponse {
  const headers = response.headers
  addMachineHeaders(exchange, headers)
  const method = exchange.request.method
  if ((method === 'GET' || method === 'HEAD') && response.status >= 200 && response.status < 300) {
    addValidators(exchange, headers)
  }
  return response
}

/**
 * 201 Created for a PUT that created its resource (P11): RFC 9110 §9.3.4, "If the target resource
 * does not have a current representation and the PUT successfully creates one, then the origin
 * server MUST inform the user agent by sending a 201 (Created) response". Its `Location` is the
 * target, unless the handler named another.
 */
export function asCreated(exchange: Exchange, response: RestResponse): RestResponse {
  response.status = 201
  response.headers.location ??= exchange.request.path
  return response
}

/** Vary and Content-Language, which every response of a negotiated route carries. */
export function addMachineHeaders(exchange: Exchange, headers: Record<string, string | string[]>): void {
  if (exchange.vary !== undefined) {
    const existing = headers.vary
    headers.vary = appendVary(Array.isArray(existing) ? existing.join(', ') : existing, exchange.vary)
  }
  if (exchange.language !== undefined) headers['content-language'] ??= exchange.language
}

/** ETag, Last-Modified and Cache-Control, as on a 200 to GET (and so on its 304, RFC 9110 §15.4.5). */
export function addValidators(exchange: Exchange, headers: Record<string, string | string[]>): void {
  if (exchange.etag !== undefined) headers.etag ??= exchange.etag
  if (exchange.lastModified !== undefined) headers['last-modified'] ??= formatHttpDate(exchange.lastModified)
  const setting = exchange.plan?.cacheControl
  const cacheControl = typeof setting === 'function' ? setting(exchange.params ?? {}) : setting
  if (cacheControl !== undefined) headers['cache-control'] ??= cacheControl
}

/** 304 Not Modified: no content, and the headers a 200 would have carried (RFC 9110 §15.4.5). */
export function notModified(exchange: Exchange): RestResponse {
  const headers: Record<string, string | string[]> = {}
  addMachineHeaders(exchange, headers)
  addValidators(exchange, headers)
  if (exchange.encoding !== undefined && typeof headers.etag === 'string') {
    headers.etag = notModifiedTag(exchange, headers.etag)
  }
  return new RestResponse(304, headers, null)
}

/** 301 / 307 to where a missing resource now lives (RFC 9110 §15.4.2, §15.4.8). */
export function redirect(exchange: Exchange, status: number): RestResponse {
  return new RestResponse(status, { location: exchange.location as string }, null)
}
