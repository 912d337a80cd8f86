/**
 * Peer: raw `node:http`, everything by hand (routing, 404/405, body reading, ETag/304).
 * This is the floor of framework overhead: what a careful hand-written server costs.
 *
 * The request listener only: `bench/servers/node-http.ts` gives it to `node:http`'s createServer.
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { constants, createBrotliCompress, createGzip } from 'node:zlib'
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
  type UserDb,
  userResponse,
  verifyProfileToken,
} from '../scenarios.js'

const MAX_BODY = 100 * 1024
const JSON_TYPE = 'application/json; charset=utf-8'

function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers?: Record<string, string>,
): void {
  const body = JSON.stringify(value)
  res.writeHead(status, { ...headers, 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

const notFound = (res: ServerResponse): void => sendJson(res, 404, { error: 'Not Found' })
const methodNotAllowed = (res: ServerResponse, allow: string): void =>
  sendJson(res, 405, { error: 'Method Not Allowed' }, { allow })

const isGet = (req: IncomingMessage): boolean => req.method === 'GET' || req.method === 'HEAD'

/** Does an If-None-Match header value match the (strong) ETag? Weak comparison, as RFC 9110 asks for. */
function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  for (const part of header.split(',')) {
    let tag = part.trim()
    if (tag.startsWith('W/')) tag = tag.slice(2)
    if (tag === etag) return true
  }
  return false
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        resolve(null)
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

async function postItem(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const type = req.headers['content-type']
  if (!type?.startsWith('application/json')) {
    sendJson(res, 415, { error: 'Unsupported Media Type' })
    return
  }
  const text = await readBody(req)
  if (text === null) {
    sendJson(res, 413, { error: 'Payload Too Large' })
    return
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    sendJson(res, 400, { error: 'Malformed JSON' })
    return
  }
  const parsed = ItemSchema.safeParse(json)
  if (!parsed.success) {
    sendJson(res, 400, { error: 'Invalid item', issues: parsed.error.issues })
    return
  }
  const item = createItem(parsed.data)
  sendJson(res, 201, item, { location: `${PATHS.items}/${item.id}` })
}

async function getProfile(req: IncomingMessage, res: ServerResponse, jwt: CryptoKey): Promise<void> {
  const claims = await verifyProfileToken(req.headers.authorization, jwt)
  if (!claims) {
    sendJson(res, 401, { error: 'Unauthorized' }, { 'www-authenticate': 'Bearer' })
    return
  }
  sendJson(res, 200, claims)
}

function getDoc(req: IncomingMessage, res: ServerResponse): void {
  const body = buildDocument()
  const etag = `"${createHash('sha1').update(body).digest('base64')}"`
  if (ifNoneMatchMatches(req.headers['if-none-match'], etag)) {
    res.writeHead(304, { etag })
    res.end()
    return
  }
  res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body), etag })
  res.end(body)
}

const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }

/** The document compressed by hand: brotli (quality 4) or gzip when listed, streamed through zlib. */
function getCompressedDoc(req: IncomingMessage, res: ServerResponse): void {
  const body = buildDocument()
  const accepted = req.headers['accept-encoding'] ?? ''
  const coding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : undefined
  if (coding === undefined) {
    res.writeHead(200, {
      'content-type': JSON_TYPE,
      'content-length': Buffer.byteLength(body),
      vary: 'Accept-Encoding',
    })
    res.end(body)
    return
  }
  res.writeHead(200, { 'content-type': JSON_TYPE, 'content-encoding': coding, vary: 'Accept-Encoding' })
  const stream = coding === 'br' ? createBrotliCompress(BROTLI) : createGzip()
  stream.pipe(res)
  stream.end(body)
}

function handle(req: IncomingMessage, res: ServerResponse, db: UserDb, jwt: CryptoKey): void | Promise<void> {
  const url = req.url ?? '/'
  const q = url.indexOf('?')
  const path = q === -1 ? url : url.slice(0, q)

  if (path === PATHS.hello) {
    if (!isGet(req)) return methodNotAllowed(res, HELLO_ALLOW)
    return sendJson(res, 200, HELLO)
  }
  if (path.startsWith(PATHS.users)) {
    const id = path.slice(PATHS.users.length)
    if (id === '' || id.includes('/')) return notFound(res)
    if (!isGet(req)) return methodNotAllowed(res, 'GET, HEAD')
    const ctx = createRequestContext() // request-scoped dependency
    const user = db.get(decodeURIComponent(id))
    if (!user) return notFound(res)
    return sendJson(res, 200, userResponse(user, ctx))
  }
  if (path === PATHS.profile) {
    if (!isGet(req)) return methodNotAllowed(res, 'GET, HEAD')
    return getProfile(req, res, jwt)
  }
  if (path === PATHS.doc) {
    if (!isGet(req)) return methodNotAllowed(res, 'GET, HEAD')
    return getDoc(req, res)
  }
  if (path === PATHS.docCompressed) {
    if (!isGet(req)) return methodNotAllowed(res, 'GET, HEAD')
    return getCompressedDoc(req, res)
  }
  if (path === PATHS.items) {
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST')
    return postItem(req, res)
  }
  return notFound(res)
}

/** Builds the hand-written request listener with its startup database and JWT key. */
export async function createNodeHttpListener(): Promise<RequestListener> {
  const db = createUserDb() // application-scoped dependency
  const jwt = await jwtKey() // HS256 key, from BENCH_JWT_SECRET, imported once
  return (req, res) => {
    try {
      const pending = handle(req, res, db, jwt)
      if (pending) {
        pending.catch(() => {
          if (!res.headersSent) sendJson(res, 500, { error: 'Internal Server Error' })
          else res.destroy()
        })
      }
    } catch {
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal Server Error' })
    }
  }
}
