/** Content a response can carry. Strings are sent as UTF-8. */
export type ResponseBody =
  | string
  | Uint8Array
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | null

/** Response header fields: lower-case names; `set-cookie` may hold several values. */
export type ResponseHeaders = Record<string, string | string[]>

/**
 * A finished response, ready for an adapter to write: status, lower-case headers, content.
 *
 * @example
 * new RestResponse(200, { 'content-type': 'text/plain' }, 'hello')
 */
export class RestResponse {
  /** The status code. */
  status: number
  /** Lower-case header names to values. */
  headers: ResponseHeaders
  /** The content, or `null` for none. */
  body: ResponseBody

  constructor(status: number, headers: ResponseHeaders = {}, body: ResponseBody = null) {
    this.status = status
    this.headers = headers
    this.body = body
  }

  /** Adds a header value, keeping earlier ones (for `set-cookie`, `vary`…). */
  appendHeader(name: string, value: string): void {
    const key = name.toLowerCase()
    const existing = this.headers[key]
    if (existing === undefined) this.headers[key] = value
    else if (Array.isArray(existing)) existing.push(value)
    else this.headers[key] = key === 'set-cookie' ? [existing, value] : `${existing}, ${value}`
  }
}
