import type { RequestHeaders } from '../http/index.js'
import { type Driver, type DriverRequest, responseHeaders } from './driver.js'
import { inProcess, type TestableApp } from './in-process-driver.js'

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
  /** The client address the app sees (in-process and Lambda drivers). Default `127.0.0.1`. */
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

/** Sends requests to an application through one driver (in memory unless told otherwise). */
export interface TestClient {
  /** The driver's name, e.g. `in-process`, `http`, `lambda:alb`. */
  readonly driver: string
  request(method: string, path: string, options?: TestRequestOptions): Promise<TestResponse>
  get: Send
  head: Send
  post: Send
  put: Send
  patch: Send
  delete: Send
  options: Send
  /** Stops what the driver started (a server); in-process there is nothing to stop. */
  close(): Promise<void>
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * Creates a client for an application — in memory, without sockets — or for any {@link Driver}
 * (`overHttp`, `throughLambda`), so one set of test cases can run through every deployment path.
 *
 * @example
 * const client = createTestClient(app)
 * const response = await client.post('/login', { json: { email: 'alice@example.com', password: 'secret' } })
 * expect(response.status).toBe(200)
 */
export function createTestClient(target: TestableApp | Driver): TestClient {
  const driver = isDriver(target) ? target : inProcess(target)
  const request = async (
    method: string,
    path: string,
    options: TestRequestOptions = {},
  ): Promise<TestResponse> => {
    const response = await driver.send(toDriverRequest(method, path, options))
    const text = decoder.decode(response.body)
    return {
      status: response.status,
      headers: responseHeaders(response.headers),
      body: response.body,
      text,
      json: <T>() => JSON.parse(text) as T,
    }
  }
  const send =
    (method: string): Send =>
    (path, options) =>
      request(method, path, options)
  return {
    driver: driver.name,
    request,
    get: send('GET'),
    head: send('HEAD'),
    post: send('POST'),
    put: send('PUT'),
    patch: send('PATCH'),
    delete: send('DELETE'),
    options: send('OPTIONS'),
    close: () => driver.close(),
  }
}

function isDriver(target: TestableApp | Driver): target is Driver {
  return typeof (target as Driver).send === 'function' && typeof (target as Driver).name === 'string'
}

function toDriverRequest(method: string, path: string, options: TestRequestOptions): DriverRequest {
  const headers: Array<[string, string]> = []
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    for (const item of typeof value === 'string' ? [value] : value) headers.push([name, item])
  }
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name)
  let body: Uint8Array | undefined
  if (options.json !== undefined) {
    body = encoder.encode(JSON.stringify(options.json))
    if (!has('content-type')) headers.push(['content-type', 'application/json'])
  } else if (options.body !== undefined) {
    body = typeof options.body === 'string' ? encoder.encode(options.body) : options.body
  }
  if (body !== undefined && !has('content-length')) headers.push(['content-length', String(body.byteLength)])
  if (!has('host')) headers.push(['host', 'localhost'])
  const queryIndex = path.indexOf('?')
  const extraQuery = options.query === undefined ? '' : new URLSearchParams(options.query).toString()
  const ownQuery = queryIndex === -1 ? '' : path.slice(queryIndex + 1)
  const query = [ownQuery, extraQuery].filter((q) => q !== '').join('&')
  const bare = queryIndex === -1 ? path : path.slice(0, queryIndex)
  return {
    method: method.toUpperCase(),
    target: query === '' ? bare : `${bare}?${query}`,
    headers,
    body,
    remoteAddress: options.remoteAddress ?? '127.0.0.1',
  }
}
