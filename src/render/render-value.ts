import { isBodylessStatus, type ResponseBody, type ResponseHeaders, RestResponse } from '../http/index.js'
import { Reply } from './reply.js'

const TEXT = 'text/plain; charset=utf-8'
const JSON_TYPE = 'application/json'
const OCTETS = 'application/octet-stream'

/**
 * Turns what a handler returned into a response: objects and arrays → JSON 200, `null`/`undefined`
 * → 204, strings → text/plain, bytes and streams → application/octet-stream, a {@link Reply} →
 * its status and headers, a Web `Response` or {@link RestResponse} → itself. Values written as JSON
 * go through `json` when given (a route's compiled `returns` writer), else `JSON.stringify`.
 *
 * @example
 * renderValue({ hello: 'world' }) // 200, application/json, '{"hello":"world"}'
 */
export function renderValue(result: unknown, json: JsonWriter = stringify): RestResponse {
  if (result instanceof RestResponse) return result
  if (result instanceof Reply) return renderReply(result, json)
  if (typeof Response !== 'undefined' && result instanceof Response) return fromWebResponse(result)
  return withContent(result === null || result === undefined ? 204 : 200, {}, result, json)
}

/** Writes a value as JSON text. */
type JsonWriter = (value: unknown) => string

const stringify: JsonWriter = (value) => JSON.stringify(value)

function renderReply(reply: Reply, json: JsonWriter): RestResponse {
  const headers: ResponseHeaders = {}
  for (const name of Object.keys(reply.headers)) {
    const value = reply.headers[name] as string | readonly string[]
    headers[name] = typeof value === 'string' ? value : [...value]
  }
  const empty = reply.value === null || reply.value === undefined
  return withContent(reply.status ?? (empty ? 204 : 200), headers, reply.value, json)
}

function withContent(
  status: number,
  headers: ResponseHeaders,
  value: unknown,
  json: JsonWriter,
): RestResponse {
  if (isBodylessStatus(status) || value === null || value === undefined) {
    // RFC 9110 §15.3.5 / §15.4.5: 204 and 304 never carry content; drop what was given.
    if (isBodylessStatus(status)) delete headers['content-type']
    return new RestResponse(status, headers, null)
  }
  const [body, type] = encode(value, json)
  if (headers['content-type'] === undefined) headers['content-type'] = type
  return new RestResponse(status, headers, body)
}

function encode(value: unknown, json: JsonWriter): [ResponseBody, string] {
  if (typeof value === 'string') return [value, TEXT]
  if (value instanceof Uint8Array) return [value, OCTETS]
  if (value instanceof ArrayBuffer) return [new Uint8Array(value), OCTETS]
  if (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream) return [value, OCTETS]
  if (typeof value === 'object' && value !== null && Symbol.asyncIterator in value) {
    return [value as AsyncIterable<Uint8Array | string>, OCTETS]
  }
  return [json(value), JSON_TYPE]
}

/** Converts a Web `Response` into a {@link RestResponse}, keeping every `Set-Cookie`. */
export function fromWebResponse(response: Response): RestResponse {
  const headers: ResponseHeaders = {}
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) headers['set-cookie'] = cookies
  const body = isBodylessStatus(response.status) ? null : response.body
  return new RestResponse(response.status, headers, body)
}
