import { readLimited } from '../app/read-body.js'
import { RequestHeaders } from '../http/request-headers.js'
import { RestRequest } from '../http/rest-request.js'
import type { RestResponse } from '../http/rest-response.js'

/** Anything that serves core requests (a `RestApplication`). */
export interface TestableApp {
  handle(request: RestRequest): RestResponse | Promise<RestResponse>
}

/** Options of one test request. */
export interface TestRequestOptions {
  /** Request headers. */
  headers?: Record<string, string | readonly string[]>
  /** A value sent as JSON (sets `Content-Type: application/json` unless given). */
  json?: unknown
  /** Raw content. */
  body?: string | Uint8Array
  /** Query parameters appended to the path. */
  query?: Record<string, string>
  /** The client address the app sees. Default `127.0.0.1`. */
  remoteAddress?: string
}

/** A response as a test sees it. */
export interface TestResponse {
  readonly status: number
  /** Case-insensitive response headers (`getAll('set-cookie')` for every cookie). */
  readonly headers: RequestHeaders
  /** The content as bytes (empty for HEAD, 204 and 304). */
  readonly body: Uint8Array
  /** The content as UTF-8 text. */
  readonly text: string
  /** The content parsed as JSON. */
  json<T = unknown>(): T
}

type Send = (path: string, options?: TestRequestOptions) => Promise<TestResponse>

/** Sends requests to an application in-process, without sockets. */
export interface TestClient {
  request(method: string, path: string, options?: TestRequestOptions): Promise<TestResponse>
  get: Send
  head: Send
  post: Send
  put: Send
  patch: Send
  delete: Send
  options: Send
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * Creates a client that runs requests through the application in memory — the same core path as
 * every adapter, minus the socket.
 *
 * @example
 * const client = createTestClient(app)
 * const response = await client.post('/login', { json: { email: 'alice@example.com', password: 'secret' } })
 * expect(response.status).toBe(200)
 */
export function createTestClient(app: TestableApp): TestClient {
  const request = async (
    method: string,
    path: string,
    options: TestRequestOptions = {},
  ): Promise<TestResponse> => {
    const flat: string[] = []
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      for (const item of typeof value === 'string' ? [value] : value) flat.push(name, item)
    }
    let content: Uint8Array | undefined
    if (options.json !== undefined) {
      content = encoder.encode(JSON.stringify(options.json))
      if (!hasHeader(flat, 'content-type')) flat.push('content-type', 'application/json')
    } else if (options.body !== undefined) {
      content = typeof options.body === 'string' ? encoder.encode(options.body) : options.body
    }
    if (content !== undefined && !hasHeader(flat, 'content-length'))
      flat.push('content-length', String(content.byteLength))
    if (!hasHeader(flat, 'host')) flat.push('host', 'localhost')
    const queryIndex = path.indexOf('?')
    const extraQuery = options.query === undefined ? '' : new URLSearchParams(options.query).toString()
    const ownQuery = queryIndex === -1 ? '' : path.slice(queryIndex + 1)
    const restRequest = new RestRequest({
      method: method.toUpperCase(),
      path: queryIndex === -1 ? path : path.slice(0, queryIndex),
      rawQuery: [ownQuery, extraQuery].filter((q) => q !== '').join('&'),
      headers: RequestHeaders.fromFlat(flat),
      readBody: (limit) => readLimited(content === undefined ? null : single(content), limit),
      remoteAddress: options.remoteAddress ?? '127.0.0.1',
    })
    const response = await app.handle(restRequest)
    const body = method.toUpperCase() === 'HEAD' ? new Uint8Array(0) : await collect(response.body)
    const text = decoder.decode(body)
    return {
      status: response.status,
      headers: RequestHeaders.from(response.headers),
      body,
      text,
      json: <T>() => JSON.parse(text) as T,
    }
  }
  const send =
    (method: string): Send =>
    (path, options) =>
      request(method, path, options)
  return {
    request,
    get: send('GET'),
    head: send('HEAD'),
    post: send('POST'),
    put: send('PUT'),
    patch: send('PATCH'),
    delete: send('DELETE'),
    options: send('OPTIONS'),
  }
}

function hasHeader(flat: readonly string[], name: string): boolean {
  for (let i = 0; i < flat.length; i += 2) if ((flat[i] as string).toLowerCase() === name) return true
  return false
}

async function* single(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes
}

async function collect(body: RestResponse['body']): Promise<Uint8Array> {
  if (body === null) return new Uint8Array(0)
  if (typeof body === 'string') return encoder.encode(body)
  if (body instanceof Uint8Array) return body
  return readLimited(body as AsyncIterable<Uint8Array | string>, Number.POSITIVE_INFINITY)
}
