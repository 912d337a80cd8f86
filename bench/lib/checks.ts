/**
 * Correctness checks, run once per server before anything is measured: a scenario whose check
 * fails is reported as failed and not measured on that server.
 */
import { request } from 'node:http'
import { isDeepStrictEqual } from 'node:util'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import {
  buildDocument,
  COMPRESSED_ACCEPT_ENCODING,
  createUserDb,
  HELLO,
  INVALID_ITEM_BODY,
  ITEM_BODY,
  ITEM_FIXTURE,
  mintToken,
  PATHS,
  PROFILE_CLAIMS,
  userPath,
} from '../scenarios.js'
import type { LoadInputs } from './plan.js'

/** One answer as the checks see it, whatever the transport. */
export interface Reply {
  status: number
  /** lower-case header name → value (repeated headers joined with ", ") */
  headers: { get(name: string): string | null }
  text: string
  /** the content as received (still encoded when Content-Encoding says so) */
  bytes: Buffer
}

/** Sends one request with exactly these headers (and body) to `base`; the checks' transport. */
export type Send = (
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
) => Promise<Reply>

/**
 * One HTTP/1.1 request with exactly these headers. (Not fetch(): it adds `cache-control: no-cache` to
 * conditional requests, after which Express rightly refuses to answer 304.)
 */
const sendHttp1: Send = (base, method, path, headers, body) =>
  new Promise<Reply>((resolve, reject) => {
    const url = new URL(path, base)
    const req = request(
      url,
      {
        method,
        agent: false,
        headers:
          body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const raw = res.headers
          resolve({
            status: res.statusCode ?? 0,
            headers: {
              get: (name) => {
                const v = raw[name.toLowerCase()]
                return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v
              },
            },
            text: Buffer.concat(chunks).toString('utf8'),
            bytes: Buffer.concat(chunks),
          })
        })
        res.on('error', reject)
      },
    )
    req.setTimeout(10000, () => req.destroy(new Error(`${method} ${path}: timeout`)))
    req.on('error', reject)
    req.end(body)
  })

class CheckError extends Error {}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckError(message)
}

function parseJson(reply: Reply, what: string): unknown {
  const type = reply.headers.get('content-type') ?? ''
  expect(type.startsWith('application/json'), `${what}: content-type is "${type}", want application/json`)
  try {
    return JSON.parse(reply.text)
  } catch {
    throw new CheckError(`${what}: body is not JSON: ${reply.text.slice(0, 80)}`)
  }
}

const show = (r: Reply): string => `${r.status} ${r.text.slice(0, 100)}`

export interface CheckOutcome {
  /** scenario id → failure message (absent = passed) */
  failures: Record<string, string>
  inputs: LoadInputs
}

/**
 * Runs every scenario's checks against a server; never throws. `send` is the transport
 * (HTTP/1.1 by default; the HTTP/2 mode passes a node:http2 client).
 */
export async function checkServer(
  base: string,
  secret: Uint8Array,
  send: Send = sendHttp1,
): Promise<CheckOutcome> {
  const call = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    send(base, method, path, headers, body)
  const token = await mintToken(PROFILE_CLAIMS, secret)
  const inputs: LoadInputs = { token, etag: null }
  const failures: Record<string, string> = {}
  const db = createUserDb()

  const checks: Record<string, () => Promise<void>> = {
    hello: async () => {
      const r = await call('GET', PATHS.hello)
      expect(r.status === 200, `GET /hello: want 200, got ${show(r)}`)
      expect(isDeepStrictEqual(parseJson(r, 'GET /hello'), HELLO), `GET /hello: body ${r.text}`)
    },
    users: async () => {
      for (const id of ['0', '42', '999']) {
        const r = await call('GET', userPath(id))
        expect(r.status === 200, `GET /users/${id}: want 200, got ${show(r)}`)
        const body = parseJson(r, `GET /users/${id}`) as Record<string, unknown>
        const { request_id, ...user } = body
        expect(isDeepStrictEqual(user, db.get(id)), `GET /users/${id}: user fields differ: ${r.text}`)
        expect(typeof request_id === 'string' && request_id !== '', `GET /users/${id}: no request_id`)
      }
      const r = await call('GET', userPath(1000))
      expect(r.status === 404, `GET /users/1000: want 404, got ${show(r)}`)
    },
    profile: async () => {
      const r = await call('GET', PATHS.profile, { authorization: `Bearer ${token}` })
      expect(r.status === 200, `GET /profile: want 200, got ${show(r)}`)
      const body = parseJson(r, 'GET /profile')
      expect(isDeepStrictEqual(body, PROFILE_CLAIMS), `GET /profile: body ${r.text}`)
      const anonymous = await call('GET', PATHS.profile)
      expect(anonymous.status === 401, `GET /profile without token: want 401, got ${show(anonymous)}`)
      const forged = await mintToken(PROFILE_CLAIMS, new TextEncoder().encode('not-the-secret'))
      const bad = await call('GET', PATHS.profile, { authorization: `Bearer ${forged}` })
      expect(bad.status === 401, `GET /profile with a forged token: want 401, got ${show(bad)}`)
    },
    doc: async () => {
      const r = await call('GET', PATHS.doc)
      expect(r.status === 200, `GET /doc: want 200, got ${show(r)}`)
      expect(
        isDeepStrictEqual(parseJson(r, 'GET /doc'), JSON.parse(buildDocument())),
        'GET /doc: body differs',
      )
      const etag = r.headers.get('etag')
      expect(etag, 'GET /doc: no ETag header')
      const again = await call('GET', PATHS.doc)
      expect(again.headers.get('etag') === etag, 'GET /doc: ETag not stable between requests')
      const cond = await call('GET', PATHS.doc, { 'if-none-match': etag })
      expect(cond.status === 304, `GET /doc If-None-Match ${etag}: want 304, got ${show(cond)}`)
      expect(cond.text === '', 'GET /doc 304 with a body')
      const other = await call('GET', PATHS.doc, { 'if-none-match': '"something-else"' })
      expect(other.status === 200, `GET /doc with a stale If-None-Match: want 200, got ${other.status}`)
      inputs.etag = etag
    },
    'doc-gzip': async () => {
      const path = PATHS.docCompressed
      const r = await call('GET', path, { 'accept-encoding': COMPRESSED_ACCEPT_ENCODING })
      expect(r.status === 200, `GET ${path}: want 200, got ${r.status}`)
      const coding = r.headers.get('content-encoding')
      expect(
        coding === 'br' || coding === 'gzip',
        `GET ${path}: Content-Encoding is "${coding}", want br or gzip`,
      )
      const vary = r.headers.get('vary') ?? ''
      expect(/accept-encoding/i.test(vary), `GET ${path}: Vary "${vary}" lacks Accept-Encoding`)
      let text: string
      try {
        text = (coding === 'br' ? brotliDecompressSync(r.bytes) : gunzipSync(r.bytes)).toString('utf8')
      } catch {
        throw new CheckError(`GET ${path}: the content is not valid ${coding}`)
      }
      expect(isDeepStrictEqual(JSON.parse(text), JSON.parse(buildDocument())), `GET ${path}: body differs`)
      const plain = await call('GET', path)
      expect(plain.headers.get('content-encoding') === null, `GET ${path} without Accept-Encoding: encoded`)
    },
    items: async () => {
      const r = await call('POST', PATHS.items, { 'content-type': 'application/json' }, ITEM_BODY)
      expect(r.status === 201, `POST /items: want 201, got ${show(r)}`)
      const { id, ...item } = parseJson(r, 'POST /items') as Record<string, unknown>
      expect(typeof id === 'string' && id !== '', 'POST /items: no id in the answer')
      expect(isDeepStrictEqual(item, ITEM_FIXTURE), `POST /items: body ${r.text.slice(0, 100)}`)
      const bad = await call('POST', PATHS.items, { 'content-type': 'application/json' }, INVALID_ITEM_BODY)
      expect(bad.status === 400 || bad.status === 422, `POST /items invalid: want 400/422, got ${show(bad)}`)
    },
    errors: async () => {
      const missing = await call('GET', PATHS.missing)
      expect(missing.status === 404, `GET /missing: want 404, got ${show(missing)}`)
      const del = await call('DELETE', PATHS.hello)
      expect(del.status === 405, `DELETE /hello: want 405, got ${show(del)}`)
      const allow = del.headers.get('allow') ?? ''
      expect(/\bGET\b/.test(allow), `DELETE /hello: Allow header "${allow}" lacks GET`)
    },
  }

  for (const [id, check] of Object.entries(checks)) {
    try {
      await check()
    } catch (err) {
      failures[id] = err instanceof CheckError ? err.message : `${id}: ${String(err)}`
    }
  }
  // both /doc scenarios share one check
  if (failures.doc) {
    failures['doc-304'] = failures.doc
    failures['doc-200'] = failures.doc
    delete failures.doc
  }
  return { failures, inputs }
}
