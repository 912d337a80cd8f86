import { formatHttpDate } from '../http/http-date.js'
import { RestResponse } from '../http/rest-response.js'
import { appendVary } from '../http/vary.js'
import type { Exchange } from '../machine/exchange.js'
import { fromWebResponse, renderValue } from '../render/render-value.js'
import { Reply } from '../render/reply.js'

const TEXT_TYPES = /^(?:text\/|application\/(?:json|xml|javascript)|[^;]*\+(?:json|xml))/i

/**
 * Renders a handler's result. On a route that declared `provides`, a plain value (or a Reply's
 * value) goes through the renderer of the negotiated media type; otherwise the value's kind decides
 * (objects → JSON, strings → text). Web and core responses pass through untouched.
 */
export function renderResult(x: Exchange, result: unknown): RestResponse {
  const renderers = x.plan?.negotiation.renderers
  if (renderers === undefined || result instanceof RestResponse) return renderValue(result)
  if (typeof Response !== 'undefined' && result instanceof Response) return fromWebResponse(result)
  const reply = result instanceof Reply ? result : undefined
  const value = reply === undefined ? result : reply.value
  if (value === null || value === undefined) return renderValue(result)
  const mediaType = x.mediaType as string
  const render = renderers.get(mediaType)
  if (render === undefined) return renderValue(result)
  const body = render(value, { mediaType, context: x.context })
  const headers: Record<string, string | string[]> = {}
  if (reply !== undefined) {
    for (const name of Object.keys(reply.headers)) {
      const field = reply.headers[name] as string | readonly string[]
      headers[name] = typeof field === 'string' ? field : [...field]
    }
  }
  headers['content-type'] ??= contentTypeFor(mediaType, x.charset)
  return new RestResponse(reply?.status ?? 200, headers, body)
}

function contentTypeFor(mediaType: string, charset: string | undefined): string {
  if (charset !== undefined) return `${mediaType}; charset=${charset}`
  // JSON is UTF-8 by definition (RFC 8259 §8.1) and takes no charset parameter.
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return mediaType
  return TEXT_TYPES.test(mediaType) ? `${mediaType}; charset=utf-8` : mediaType
}

/**
 * Adds what the machine learned to a successful response: `Vary` and `Content-Language` from
 * negotiation; `ETag`, `Last-Modified` and `Cache-Control` on GET/HEAD (a PUT response carries no
 * validators, RFC 9110 §9.3.4); 201 + `Location` when a PUT created the resource.
 */
export function decorateSuccess(x: Exchange, response: RestResponse): void {
  const headers = response.headers
  addMachineHeaders(x, headers)
  const method = x.request.method
  if ((method === 'GET' || method === 'HEAD') && response.status >= 200 && response.status < 300) {
    addValidators(x, headers)
  }
  if (x.creating && response.status === 200) {
    // RFC 9110 §9.3.4: "If the target resource does not have a current representation and the PUT
    // successfully creates one, then the origin server MUST inform the user agent by sending a 201".
    response.status = 201
    headers.location ??= x.request.path
  }
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
