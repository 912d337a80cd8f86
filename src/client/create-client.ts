import type { ClientMethod, ClientOf } from './client-types.js'
import { expandPath, queryString } from './expand-path.js'

/** Serves one Fetch `Request`: `app.fetch`, a worker's handler, or `fetch` itself. */
export type FetchFunction = (request: Request) => Promise<Response>

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** Header fields sent with every call (an `Authorization`, say); a call's own win. */
  readonly headers?: HeadersInit
  /** The `fetch` used with a base URL (default: the runtime's global `fetch`). */
  readonly fetch?: (request: Request) => Promise<Response>
}

/** The origin an in-process call's URL is resolved against (never contacted). */
const IN_PROCESS_ORIGIN = 'http://localhost'

/** Media types whose content the client parses as JSON: `application/json` and `+json` (RFC 6839 §3.1). */
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i

/**
 * A typed client of an application: every route of `typeof app` with its path parameters, query,
 * body and the responses it may answer typed from the application itself, without a generation
 * step (docs/client.md). Give it a base URL (over HTTP) or a function serving a Fetch `Request`,
 * such as `app.fetch` (in the same process). It sends JSON with `Accept: application/json` and
 * answers `{ status, ok, body, headers }`.
 *
 * @example
 * const client = createClient<typeof app>('https://api.example.com')
 * const res = await client.get('/documents/{id}', { params: { id: '1' } })
 * if (res.ok) console.log(res.body.title)
 */
export function createClient<App>(
  target: string | FetchFunction,
  options: ClientOptions = {},
): ClientOf<App> {
  const inProcess = typeof target === 'function'
  const send: FetchFunction = inProcess ? target : (options.fetch ?? ((request) => fetch(request)))
  const base = inProcess ? IN_PROCESS_ORIGIN : target.replace(/\/+$/, '')
  const call =
    (method: ClientMethod) =>
    (path: string, init: CallInput = {}) =>
      callRoute(send, base, method, path, init, options.headers)
  return {
    get: call('GET'),
    head: call('HEAD'),
    post: call('POST'),
    put: call('PUT'),
    patch: call('PATCH'),
    delete: call('DELETE'),
    options: call('OPTIONS'),
  } as unknown as ClientOf<App>
}

/** What a call is given, untyped (the types are the caller's). */
interface CallInput {
  readonly params?: Readonly<Record<string, unknown>>
  readonly query?: Readonly<Record<string, unknown>>
  readonly body?: unknown
  readonly headers?: HeadersInit
  readonly signal?: AbortSignal
}

async function callRoute(
  send: FetchFunction,
  base: string,
  method: ClientMethod,
  path: string,
  init: CallInput,
  clientHeaders: HeadersInit | undefined,
) {
  const headers = new Headers(clientHeaders)
  for (const [name, value] of new Headers(init.headers)) headers.set(name, value)
  if (!headers.has('accept')) headers.set('accept', 'application/json')
  let content: string | undefined
  if (init.body !== undefined) {
    content = JSON.stringify(init.body)
    if (!headers.has('content-type')) headers.set('content-type', 'application/json')
  }
  const url = `${base}${expandPath(path, init.params)}${queryString(init.query)}`
  const request = new Request(url, {
    method,
    headers,
    ...(content === undefined ? {} : { body: content }),
    ...(init.signal === undefined ? {} : { signal: init.signal }),
  })
  const response = await send(request)
  return {
    status: response.status,
    ok: response.ok,
    headers: response.headers,
    body: await readBody(response, method),
  }
}

/**
 * The response's content: none for HEAD, 204 and 304 (RFC 9110 §9.3.2, §15.3.5, §15.4.5) or an empty
 * one, parsed JSON for a JSON media type, else text.
 */
async function readBody(response: Response, method: ClientMethod): Promise<unknown> {
  if (method === 'HEAD' || response.status === 204 || response.status === 304) {
    await response.body?.cancel()
    return undefined
  }
  const text = await response.text()
  if (text === '') return undefined
  return JSON_TYPE.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text
}
