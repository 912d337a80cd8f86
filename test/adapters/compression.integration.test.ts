import { request } from 'node:http'
import * as zlib from 'node:zlib'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { RestApplication, respond } from 'restmachine'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { h2Request } from './http2-client.js'

// Node's fetch decompresses transparently, so these requests use node:http and read raw bytes.

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

const items = Array.from({ length: 120 }, (_, i) => ({ id: i, sku: `SKU-${i}`, tags: ['x', 'y'] }))
const document = JSON.stringify({ items })
/** 70,000 characters (over 64 KiB): in memory, but too large to compress in one call. */
const large = Array.from(
  { length: 1000 },
  (_, i) => `line ${String(i).padStart(4, '0')} ${'.'.repeat(59)}\n`,
).join('')
const hasZstd = typeof (zlib as { createZstdCompress?: unknown }).createZstdCompress === 'function'

describe('compression over a real socket (node:zlib)', () => {
  let server: RunningServer

  beforeAll(async () => {
    const app = new RestApplication({ compression: true }).resourceExists('doc', () => ({ items }), {
      etag: () => '"d1"',
    })
    app.get('/doc', ({ doc }) => doc)
    app.get('/large', () => respond(large, { headers: { 'content-type': 'text/plain; charset=utf-8' } }))
    app.get('/stream', () =>
      respond(
        (async function* () {
          for (let i = 0; i < 50; i++) yield `line ${i} ${'-'.repeat(60)}\n`
        })(),
        { headers: { 'content-type': 'text/plain; charset=utf-8' } },
      ),
    )
    app.get('/plain', () => ({ items }), { compression: false })
    server = await serve(app, { port: 0, handleSignals: false })
  })
  afterAll(() => server.close())

  it('sends brotli to `br, gzip`, compressed at once with its exact Content-Length and its own ETag', async () => {
    const response = await get(`${server.url}/doc`, { 'accept-encoding': 'br, gzip' })
    expect(response.status).toBe(200)
    expect(response.headers['content-encoding']).toBe('br')
    expect(response.headers['content-length']).toBe(String(response.body.byteLength))
    expect(response.headers['transfer-encoding']).toBeUndefined()
    expect(response.headers.vary).toMatch(/accept-encoding/i)
    expect(response.headers.etag).toBe('"d1-br"')
    expect(response.body.byteLength).toBeLessThan(document.length / 4)
    expect(brotliDecompressSync(response.body).toString()).toBe(document)
  })

  it('sends gzip and deflate when the client prefers them', async () => {
    const gzip = await get(`${server.url}/doc`, { 'accept-encoding': 'gzip, br;q=0.5' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.body).toString()).toBe(document)
    const deflate = await get(`${server.url}/doc`, { 'accept-encoding': 'deflate' })
    // deflate is not among the default codings: identity, not a coding the route does not offer.
    expect(deflate.headers['content-encoding']).toBeUndefined()
    expect(deflate.body.toString()).toBe(document)
  })

  it.runIf(hasZstd)('sends zstd where this Node has it', async () => {
    const response = await get(`${server.url}/doc`, { 'accept-encoding': 'zstd' })
    expect(response.headers['content-encoding']).toBe('zstd')
    const decompress = (zlib as unknown as { zstdDecompressSync: (b: Buffer) => Buffer }).zstdDecompressSync
    expect(decompress(response.body).toString()).toBe(document)
  })

  it('streams content over 64 KiB through the compressor, chunked without Content-Length', async () => {
    const response = await get(`${server.url}/large`, { 'accept-encoding': 'br, gzip' })
    expect(response.headers['content-encoding']).toBe('br')
    expect(response.headers['content-length']).toBeUndefined()
    expect(response.headers['transfer-encoding']).toBe('chunked')
    expect(brotliDecompressSync(response.body).toString()).toBe(large)
  })

  it('compresses an async-iterable body as it streams', async () => {
    const response = await get(`${server.url}/stream`, { 'accept-encoding': 'gzip' })
    expect(response.headers['content-encoding']).toBe('gzip')
    expect(response.headers['transfer-encoding']).toBe('chunked')
    const text = gunzipSync(response.body).toString()
    expect(text.split('\n')).toHaveLength(51)
  })

  it('answers 304 to the encoded ETag and HEAD with identity headers', async () => {
    const cached = await get(`${server.url}/doc`, { 'accept-encoding': 'br', 'if-none-match': '"d1-br"' })
    expect(cached.status).toBe(304)
    expect(cached.headers.etag).toBe('"d1-br"')
    expect(cached.body.byteLength).toBe(0)
    const head = await get(`${server.url}/doc`, { 'accept-encoding': 'br' }, 'HEAD')
    expect(head.headers['content-encoding']).toBeUndefined()
    expect(head.headers['content-length']).toBe(String(document.length))
  })

  it('answers 406 only when identity and every offered coding are refused', async () => {
    const refused = await get(`${server.url}/doc`, { 'accept-encoding': 'gzip, identity;q=0' })
    expect(refused.status).toBe(200)
    expect(refused.headers['content-encoding']).toBe('gzip')
    expect((await get(`${server.url}/doc`, { 'accept-encoding': 'identity;q=0' })).status).toBe(406)
    expect((await get(`${server.url}/doc`, { 'accept-encoding': 'compress, identity;q=0' })).status).toBe(406)
  })

  it('leaves a route with compression off alone', async () => {
    const response = await get(`${server.url}/plain`, { 'accept-encoding': 'br, gzip' })
    expect(response.headers['content-encoding']).toBeUndefined()
    expect(response.headers.vary).toBeUndefined()
    expect(JSON.parse(response.body.toString())).toEqual({ items })
  })
})

describe('compression through app.fetch (CompressionStream, no brotli)', () => {
  it('falls back to gzip for `br, gzip` and the bytes are real gzip', async () => {
    const app = new RestApplication({ compression: true })
    app.get('/doc', () => ({ items }))
    const response = await app.fetch(
      new Request('http://localhost/doc', { headers: { 'accept-encoding': 'br, gzip' } }),
    )
    expect(response.headers.get('content-encoding')).toBe('gzip')
    const bytes = Buffer.from(await response.arrayBuffer())
    expect(JSON.parse(gunzipSync(bytes).toString())).toEqual({ items })
    const brotliOnly = await app.fetch(
      new Request('http://localhost/doc', { headers: { 'accept-encoding': 'br' } }),
    )
    expect(brotliOnly.headers.get('content-encoding')).toBeNull()
    expect(await brotliOnly.json()).toEqual({ items })
  })
})

describe('compression over HTTP/2 (cleartext, prior knowledge)', () => {
  it('streams brotli on an HTTP/2 stream, with no connection-specific field', async () => {
    const app = new RestApplication({ compression: true })
    app.get('/doc', () => ({ items }))
    const server = await serve(app, { port: 0, handleSignals: false, http2: true })
    try {
      const response = await h2Request(server.url, '/doc', {}, { headers: { 'accept-encoding': 'br' } })
      expect(response.status).toBe(200)
      expect(response.headers['content-encoding']).toBe('br')
      expect(response.headers['transfer-encoding']).toBeUndefined()
      expect(brotliDecompressSync(response.bytes).toString()).toBe(document)
    } finally {
      await server.close()
    }
  })
})
