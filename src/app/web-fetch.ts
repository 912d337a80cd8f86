import { isThenable } from '../di/index.js'
import type { RestResponse } from '../http/index.js'
import { RequestHeaders, RestRequest } from '../http/index.js'
import { readWebBody } from './read-web-body.js'

interface Handles {
  handle(request: RestRequest): RestResponse | Promise<RestResponse>
}

/** Extra facts a Fetch-API host may know about the connection. */
export interface FetchConnectionInfo {
  /** The client's address, if the host exposes it. */
  remoteAddress?: string
}

/**
 * Builds the core request from a Web `Request`.
 *
 * @example
 * const restRequest = fromWebRequest(new Request('http://localhost/hello'))
 */
export function fromWebRequest(request: Request, info: FetchConnectionInfo = {}): RestRequest {
  const url = request.url
  // Take path and query from the raw URL text so percent-encoding is kept exactly as sent.
  const afterScheme = url.indexOf('//') + 2
  const pathStart = url.indexOf('/', afterScheme)
  const target = pathStart === -1 ? '/' : url.slice(pathStart)
  const hash = target.indexOf('#')
  const withoutHash = hash === -1 ? target : target.slice(0, hash)
  const query = withoutHash.indexOf('?')
  return new RestRequest({
    method: request.method,
    path: query === -1 ? withoutHash : withoutHash.slice(0, query),
    rawQuery: query === -1 ? '' : withoutHash.slice(query + 1),
    // Not `request.headers`: Bun builds that object on first access; read only if a field is.
    headers: RequestHeaders.fromWebRequest(request),
    // `request.body` is not touched here: Bun makes a ReadableStream on first read of it, and a
    // body read as a stream then costs more than `arrayBuffer()` (~1 µs a request); readWebBody
    // decides how to read, and answers empty content for a request without a body.
    readBody: (limit) => readWebBody(request, limit),
    remoteAddress: info.remoteAddress,
    secure: url.startsWith('https:'),
    raw: request,
    // Read only if the app asks: Deno.serve warns on (and, by default, aborts after every answer)
    // a signal that has been read.
    signal: () => request.signal,
  })
}

/**
 * Converts a core response into a Web `Response`; a HEAD request gets the headers without content.
 *
 * @example
 * const response = toWebResponse(restResponse, 'GET')
 */
export function toWebResponse(response: RestResponse, method: string): Response {
  if (method === 'HEAD') return headResponse(response)
  return new Response(toBodyInit(response.body), {
    status: response.status,
    headers: headersInit(response.headers),
  })
}

/**
 * The core's header record as `HeadersInit`: the record itself when every value is one string (the
 * runtime copies it in one call), else name/value pairs, one per value, so that a repeated field
 * such as Set-Cookie stays separate lines (RFC 6265 §3: never folded into one).
 */
function headersInit(record: RestResponse['headers']): HeadersInit {
  const names = Object.keys(record)
  if (!names.some((name) => Array.isArray(record[name]))) return record as Record<string, string>
  const pairs: [string, string][] = []
  for (const name of names) {
    const value = record[name] as string | string[]
    if (Array.isArray(value)) for (const item of value) pairs.push([name, item])
    else pairs.push([name, value])
  }
  return pairs
}

/** A HEAD answer: the headers without content, with the length a GET's string body would have. */
function headResponse(response: RestResponse): Response {
  const headers = new Headers(headersInit(response.headers))
  if (typeof response.body === 'string' && !headers.has('content-length')) {
    headers.set('content-length', String(new TextEncoder().encode(response.body).byteLength))
  }
  return new Response(null, { status: response.status, headers })
}

function toBodyInit(body: RestResponse['body']): BodyInit | null {
  if (
    body === null ||
    typeof body === 'string' ||
    body instanceof Uint8Array ||
    body instanceof ReadableStream
  ) {
    return body as BodyInit | null
  }
  const iterator = body[Symbol.asyncIterator]()
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next()
      if (done) controller.close()
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value)
    },
    async cancel() {
      await iterator.return?.()
    },
  })
}

/** Serves a Web `Request` with an application (the body of `app.fetch`). */
export async function handleFetch(
  app: Handles,
  request: Request,
  info?: FetchConnectionInfo,
): Promise<Response> {
  const restRequest = fromWebRequest(request, info)
  const result = app.handle(restRequest)
  const response = isThenable(result) ? await result : result
  return toWebResponse(response, request.method)
}
