/**
 * Peer on Bun: a raw Fetch handler for `Bun.serve`, everything by hand (routing, 404/405, body
 * reading, ETag/304, compression — brotli quality 4 or gzip, in one synchronous call on the built
 * body) — the same work as `node-http.ts`, written against Web
 * `Request`/`Response`. The floor of framework overhead on Bun.
 *
 * The handler only: `bench/servers/bun-serve.ts` gives it to `Bun.serve`.
 */
import { createHash } from 'node:crypto'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import {
  buildDocument,
  createItem,
  createRequestContext,
  createUserDb,
  HELLO,
  HELLO_ALLOW,
  ItemSchema,
  jwtKey,
  PATHS,
  userResponse,
  verifyProfileToken,
} from '../scenarios.js'

const MAX_BODY = 100 * 1024
const JSON_TYPE = 'application/json; charset=utf-8'
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }

const json = (status: number, value: unknown, headers?: Record<string, string>): Response =>
  new Response(JSON.stringify(value), { status, headers: { ...headers, 'content-type': JSON_TYPE } })
const notFound = (): Response => json(404, { error: 'Not Found' })
const methodNotAllowed = (allow: string): Response => json(405, { error: 'Method Not Allowed' }, { allow })

/** Does an If-None-Match value match the ETag? Weak comparison (RFC 9110 §13.1.2). */
function noneMatch(header: string | null, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  return header.split(',').some((part) => part.trim().replace(/^W\//, '') === etag)
}

async function postItem(request: Request): Promise<Response> {
  if (!request.headers.get('content-type')?.startsWith('application/json'))
    return json(415, { error: 'Unsupported Media Type' })
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY)
    return json(413, { error: 'Payload Too Large' })
  let value: unknown
  try {
    value = await request.json()
  } catch {
    return json(400, { error: 'Malformed JSON' })
  }
  const parsed = ItemSchema.safeParse(value)
  if (!parsed.success) return json(400, { error: 'Invalid item', issues: parsed.error.issues })
  const item = createItem(parsed.data)
  return json(201, item, { location: `${PATHS.items}/${item.id}` })
}

function getDoc(request: Request, compressed: boolean): Response {
  const body = buildDocument()
  if (compressed) {
    const accepted = request.headers.get('accept-encoding') ?? ''
    const coding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : undefined
    const headers = { 'content-type': JSON_TYPE, vary: 'Accept-Encoding' }
    if (coding === undefined) return new Response(body, { headers })
    const bytes = coding === 'br' ? brotliCompressSync(body, BROTLI) : gzipSync(body)
    return new Response(bytes, { headers: { ...headers, 'content-encoding': coding } })
  }
  const etag = `"${createHash('sha1').update(body).digest('base64')}"`
  if (noneMatch(request.headers.get('if-none-match'), etag))
    return new Response(null, { status: 304, headers: { etag } })
  return new Response(body, { headers: { 'content-type': JSON_TYPE, etag } })
}

/** Builds the raw handler: `(request) => Response`, for `Bun.serve({ fetch })`. */
export async function createBunServeHandler(): Promise<(request: Request) => Response | Promise<Response>> {
  const db = createUserDb()
  const jwt = await jwtKey()
  return async (request) => {
    const url = request.url
    const start = url.indexOf('/', url.indexOf('//') + 2)
    const q = url.indexOf('?', start)
    const path = q === -1 ? url.slice(start) : url.slice(start, q)
    const get = request.method === 'GET' || request.method === 'HEAD'
    if (path === PATHS.hello) return get ? json(200, HELLO) : methodNotAllowed(HELLO_ALLOW)
    if (path.startsWith(PATHS.users)) {
      if (!get) return methodNotAllowed('GET, HEAD')
      const user = db.get(path.slice(PATHS.users.length))
      return user ? json(200, userResponse(user, createRequestContext())) : notFound()
    }
    if (path === PATHS.profile) {
      if (!get) return methodNotAllowed('GET, HEAD')
      const claims = await verifyProfileToken(request.headers.get('authorization'), jwt)
      return claims
        ? json(200, claims)
        : json(401, { error: 'Unauthorized' }, { 'www-authenticate': 'Bearer' })
    }
    if (path === PATHS.doc || path === PATHS.docCompressed)
      return get ? getDoc(request, path === PATHS.docCompressed) : methodNotAllowed('GET, HEAD')
    if (path === PATHS.items) return request.method === 'POST' ? postItem(request) : methodNotAllowed('POST')
    return notFound()
  }
}
