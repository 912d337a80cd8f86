import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { RestApplication } from 'restmachine'
import { type RunningServer, serve, serveStatic } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { get } from './raw-get.js'
import { type StaticTree, writeStaticTree } from './static-tree.js'

describe('serveStatic over a real socket', () => {
  let tree: StaticTree
  let server: RunningServer
  let url: string

  beforeAll(async () => {
    tree = writeStaticTree()
    const app = new RestApplication()
    serveStatic(app, '/assets', { root: tree.root })
    server = await serve(app, { port: 0, handleSignals: false })
    url = `${server.url}/assets`
  })
  afterAll(async () => {
    await server.close()
    tree.remove()
  })

  it('sends a file with its type, exact length, strong ETag, Last-Modified and Cache-Control', async () => {
    const response = await get(`${url}/hello.txt`)
    expect(response.status).toBe(200)
    expect(response.body.toString()).toBe(tree.text)
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(response.headers['content-length']).toBe(String(tree.text.length))
    expect(response.headers.etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/)
    expect(Date.parse(String(response.headers['last-modified']))).toBeGreaterThan(0)
    expect(response.headers['accept-ranges']).toBe('bytes')
    expect(response.headers['cache-control']).toBe('no-cache')
  })

  it('answers HEAD with the headers of a GET and no content', async () => {
    const response = await get(`${url}/hello.txt`, {}, 'HEAD')
    expect(response.status).toBe(200)
    expect(response.headers['content-length']).toBe(String(tree.text.length))
    expect(response.body.byteLength).toBe(0)
  })

  it('answers 304 to a matching If-None-Match or an If-Modified-Since at Last-Modified', async () => {
    const first = await get(`${url}/hello.txt`)
    const etag = String(first.headers.etag)
    const byTag = await get(`${url}/hello.txt`, { 'if-none-match': etag })
    expect(byTag.status).toBe(304)
    expect(byTag.body.byteLength).toBe(0)
    expect(byTag.headers.etag).toBe(etag)
    expect(byTag.headers['cache-control']).toBe('no-cache')
    const byDate = await get(`${url}/hello.txt`, {
      'if-modified-since': String(first.headers['last-modified']),
    })
    expect(byDate.status).toBe(304)
  })

  it('answers 412 to an If-Match that does not match, and 200 to one that does', async () => {
    const etag = String((await get(`${url}/hello.txt`)).headers.etag)
    expect((await get(`${url}/hello.txt`, { 'if-match': '"other"' })).status).toBe(412)
    expect((await get(`${url}/hello.txt`, { 'if-match': etag })).status).toBe(200)
  })

  it('sends one range with 206 and Content-Range', async () => {
    const response = await get(`${url}/hello.txt`, { range: 'bytes=3-7' })
    expect(response.status).toBe(206)
    expect(response.headers['content-range']).toBe(`bytes 3-7/${tree.text.length}`)
    expect(response.headers['content-length']).toBe('5')
    expect(response.body.toString()).toBe('defgh')
  })

  it('sends several ranges as multipart/byteranges with an exact length', async () => {
    const response = await get(`${url}/hello.txt`, { range: 'bytes=0-1, -3' })
    expect(response.status).toBe(206)
    const type = String(response.headers['content-type'])
    expect(type).toMatch(/^multipart\/byteranges; boundary=/)
    const boundary = type.split('boundary=')[1] as string
    expect(response.headers['content-length']).toBe(String(response.body.byteLength))
    const body = response.body.toString()
    expect(body).toContain(
      `--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 0-1/${tree.text.length}\r\n\r\nab\r\n`,
    )
    expect(body).toContain(
      `Content-Range: bytes ${tree.text.length - 3}-${tree.text.length - 1}/${tree.text.length}\r\n\r\n89\n\r\n--${boundary}--`,
    )
  })

  it('answers 416 with the length to a range past the end', async () => {
    const response = await get(`${url}/hello.txt`, { range: 'bytes=1000-' })
    expect(response.status).toBe(416)
    expect(response.headers['content-range']).toBe(`bytes */${tree.text.length}`)
  })

  it('honours If-Range only while its ETag is current', async () => {
    const etag = String((await get(`${url}/hello.txt`)).headers.etag)
    const current = await get(`${url}/hello.txt`, { range: 'bytes=0-2', 'if-range': etag })
    expect(current.status).toBe(206)
    expect(current.body.toString()).toBe('abc')
    const stale = await get(`${url}/hello.txt`, { range: 'bytes=0-2', 'if-range': '"stale"' })
    expect(stale.status).toBe(200)
    expect(stale.body.toString()).toBe(tree.text)
  })

  it('sends the brotli sibling to a client that accepts br, with its own ETag and Vary', async () => {
    const identity = await get(`${url}/site.css`)
    const response = await get(`${url}/site.css`, { 'accept-encoding': 'gzip, br' })
    expect(response.status).toBe(200)
    expect(response.headers['content-encoding']).toBe('br')
    expect(response.headers.vary).toMatch(/accept-encoding/i)
    expect(response.headers.etag).toBe(String(identity.headers.etag).replace(/"$/, '-br"'))
    expect(response.headers['content-length']).toBe(String(response.body.byteLength))
    expect(response.headers['accept-ranges']).toBeUndefined()
    expect(brotliDecompressSync(response.body).toString()).toBe(tree.css)
    expect(identity.headers.vary).toMatch(/accept-encoding/i)
  })

  it('sends the gzip sibling to a client that prefers gzip, once, not encoded twice', async () => {
    const response = await get(`${url}/site.css`, { 'accept-encoding': 'gzip;q=1, br;q=0.5' })
    expect(response.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(response.body).toString()).toBe(tree.css)
  })

  it('answers 304 to If-None-Match with the brotli form’s tag, naming that tag', async () => {
    const encoded = await get(`${url}/site.css`, { 'accept-encoding': 'br' })
    const etag = String(encoded.headers.etag)
    const response = await get(`${url}/site.css`, { 'accept-encoding': 'br', 'if-none-match': etag })
    expect(response.status).toBe(304)
    expect(response.headers.etag).toBe(etag)
  })

  it('serves ranges of the identity file even to a client that accepts br', async () => {
    const response = await get(`${url}/site.css`, { 'accept-encoding': 'br', range: 'bytes=0-3' })
    expect(response.status).toBe(206)
    expect(response.headers['content-encoding']).toBeUndefined()
    expect(response.body.toString()).toBe('body')
  })

  it('ignores a precompressed sibling older than its file', async () => {
    const response = await get(`${url}/old.txt`, { 'accept-encoding': 'gzip' })
    expect(response.headers['content-encoding']).toBeUndefined()
    expect(response.body.toString()).toBe('new content\n')
  })

  it('marks hashed names immutable', async () => {
    const response = await get(`${url}/app.3f9a1c2b.js`)
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8')
  })

  it('serves index.html for a directory asked for with a slash, and redirects without one', async () => {
    const docs = await get(`${url}/docs/`)
    expect(docs.status).toBe(200)
    expect(docs.body.toString()).toBe('<h1>docs</h1>\n')
    expect(docs.headers['content-type']).toBe('text/html; charset=utf-8')
    const home = await get(`${url}/`)
    expect(home.body.toString()).toBe('<h1>home</h1>\n')
    const moved = await get(`${url}/docs`)
    expect(moved.status).toBe(301)
    expect(moved.headers.location).toBe('/assets/docs/')
  })

  it('follows a symbolic link that stays inside the root', async () => {
    const response = await get(`${url}/link-in.txt`)
    expect(response.status).toBe(200)
    expect(response.body.toString()).toBe(tree.text)
  })

  it('answers 404 for a missing file, a dotfile, a file asked for as a directory and links out of the root', async () => {
    for (const path of ['/missing.txt', '/.env', '/hello.txt/', '/link-out.txt', '/dir-out/secret.txt']) {
      const response = await get(`${url}${path}`)
      expect(response.status, path).toBe(404)
      expect(response.body.toString(), path).not.toContain('SECRET')
      expect(response.headers['content-type'], path).toMatch(/json/)
    }
  })
})

describe('serveStatic on an application that compresses', () => {
  let tree: StaticTree
  let server: RunningServer
  let url: string

  beforeAll(async () => {
    tree = writeStaticTree()
    const app = new RestApplication({ compression: { encodings: ['gzip'] } })
    serveStatic(app, '/', { root: tree.root, precompressed: ['br'] })
    server = await serve(app, { port: 0, handleSignals: false })
    url = server.url
  })
  afterAll(async () => {
    await server.close()
    tree.remove()
  })

  it('sends the brotli sibling as it is to a client that takes br', async () => {
    const response = await get(`${url}/site.css`, { 'accept-encoding': 'br, gzip' })
    expect(response.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(response.body).toString()).toBe(tree.css)
  })

  it('compresses the file while sending to a client that takes only gzip, with the gzip form’s ETag', async () => {
    const identity = await get(`${url}/site.css`)
    const response = await get(`${url}/site.css`, { 'accept-encoding': 'gzip' })
    expect(response.headers['content-encoding']).toBe('gzip')
    expect(response.headers['content-length']).toBeUndefined()
    expect(response.headers.etag).toBe(String(identity.headers.etag).replace(/"$/, '-gzip"'))
    expect(gunzipSync(response.body).toString()).toBe(tree.css)
    const revalidated = await get(`${url}/site.css`, {
      'accept-encoding': 'gzip',
      'if-none-match': String(response.headers.etag),
    })
    expect(revalidated.status).toBe(304)
  })
})
