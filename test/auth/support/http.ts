/**
 * Helpers for the auth example tests: serve an app on a real socket and call it with `fetch`.
 */
import { type RunningServer, type ServableApp, serve } from 'restmachine/node'
import { defined } from '../../support/defined.js'

/** A JSON response as the tests look at it. */
export interface JsonResponse {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  /** The parsed JSON content (as loosely typed as `JSON.parse`'s result: tests assert on it). */
  readonly body: ReturnType<typeof JSON.parse>
}

/** Options of one call. */
export interface CallOptions {
  token?: string
  json?: unknown
  body?: string
  headers?: Record<string, string>
  cookie?: string
}

/** A server and a `call` bound to it. */
export interface Served {
  readonly server: RunningServer
  readonly url: string
  call(method: string, path: string, options?: CallOptions): Promise<JsonResponse>
  close(): Promise<void>
}

/**
 * Serves `app` on a free port (no signal handlers) and returns a caller.
 *
 * @example
 * const api = await serveForTest(createApp())
 * const response = await api.call('GET', '/protected', { headers: { 'x-api-key': 'key_12345' } })
 */
export async function serveForTest(app: ServableApp): Promise<Served> {
  const server = await serve(app, { port: 0, handleSignals: false })
  return {
    server,
    url: server.url,
    call: (method, path, options) => callJson(server.url, method, path, options),
    close: () => server.close(),
  }
}

/**
 * Sends one request (with `send`, global `fetch` by default) and reads the answer as JSON (when
 * there is content).
 *
 * @example
 * await callJson('http://127.0.0.1:8000', 'POST', '/login', { json: { email, password } })
 */
export async function callJson(
  base: string,
  method: string,
  path: string,
  options: CallOptions = {},
  send: (url: string, init: RequestInit) => Promise<Response> = fetch,
): Promise<JsonResponse> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
  if (options.cookie !== undefined) headers.cookie = options.cookie
  let body: string | undefined = options.body
  if (options.json !== undefined) {
    headers['content-type'] ??= 'application/json'
    body = JSON.stringify(options.json)
  }
  const response = await send(`${base}${path}`, { method, headers, body })
  const text = await response.text()
  let parsed: ReturnType<typeof JSON.parse>
  try {
    parsed = text === '' ? undefined : JSON.parse(text)
  } catch {
    parsed = undefined
  }
  return { status: response.status, headers: response.headers, text, body: parsed }
}

/** The `name=value` part of a Set-Cookie line, for sending it back. */
export function cookiePair(setCookie: string | null): string {
  if (setCookie === null) throw new Error('no Set-Cookie')
  return defined(setCookie.split(';')[0], 'a name=value pair')
}

/** Decodes the JSON of a JWT's header and payload (no verification). */
export function decodeJwt(token: string): {
  header: Record<string, unknown>
  payload: Record<string, unknown>
} {
  const [header, payload] = token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()))
  return { header, payload }
}

/** Low argon2 costs for tests (real argon2id, a few ms per hash). */
export const LOW_COST = { memoryCost: 1024, timeCost: 1 }
