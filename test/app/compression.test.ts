import { gunzipSync, inflateSync } from 'node:zlib'
import { ConfigurationError, RestApplication, respond } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

// In process, a request carries the Web encoder (CompressionStream: gzip and deflate); the Node
// adapter's zlib encoder (brotli too) is tested over sockets in compression.integration.test.ts.

const items = Array.from({ length: 80 }, (_, i) => ({ id: i, title: `Item ${i}`, tags: ['a', 'b'] }))
const traceOf = (response: { headers: { get(name: string): string | null } }) =>
  response.headers.get('x-restmachine-trace')?.split(',') ?? []

function documentApp(options: ConstructorParameters<typeof RestApplication>[0] = { compression: true }) {
  let runs = 0
  const app = new RestApplication({ trace: true, ...options }).resourceExists('doc', () => ({ items }), {
    etag: () => '"v1"',
  })
  app.get('/doc', ({ doc }) => {
    runs++
    return doc
  })
  app.put('/doc', ({ doc }) => ({ updated: doc.items.length }))
  app.get('/small', () => ({ ok: true }))
  app.get('/png', () => respond(new Uint8Array(4096), { headers: { 'content-type': 'image/png' } }))
  app.get('/plain', () => ({ items }), { compression: false })
  app.get('/text', () => 'abcdefghij'.repeat(200), { provides: 'text/plain', ranges: true })
  app.get('/encoded', () =>
    respond('x'.repeat(2000), { headers: { 'content-type': 'text/plain', 'content-encoding': 'identity' } }),
  )
  return { client: createTestClient(app), runs: () => runs }
}

describe('F7 the content coding (RFC 9110 §12.5.3)', () => {
  it('compresses with the coding Accept-Encoding prefers among those the runtime has', async () => {
    const { client } = documentApp()
    const response = await client.get('/doc', { headers: { 'accept-encoding': 'br;q=1, gzip;q=0.8' } })
    expect(response.status).toBe(200)
    // No brotli in CompressionStream: gzip is the best coding this runtime can apply.
    expect(response.headers.get('content-encoding')).toBe('gzip')
    expect(response.headers.get('content-length')).toBeNull()
    expect(JSON.parse(gunzipSync(response.body).toString())).toEqual({ items })
    expect(traceOf(response)).toContain('F7')
  })

  it('honours q-values and the route order on ties', async () => {
    const { client } = documentApp({ compression: { encodings: ['deflate', 'gzip'] } })
    const tie = await client.get('/doc', { headers: { 'accept-encoding': 'gzip, deflate' } })
    expect(tie.headers.get('content-encoding')).toBe('deflate')
    expect(JSON.parse(inflateSync(tie.body).toString())).toEqual({ items })
    const weighted = await client.get('/doc', { headers: { 'accept-encoding': 'gzip, deflate;q=0.5' } })
    expect(weighted.headers.get('content-encoding')).toBe('gzip')
  })

  it('sends identity without Accept-Encoding, for an empty one, and when identity is preferred', async () => {
    const { client } = documentApp()
    const cases: Record<string, string>[] = [
      {},
      { 'accept-encoding': '' },
      { 'accept-encoding': 'identity, gzip;q=0.5' },
    ]
    for (const headers of cases) {
      const response = await client.get('/doc', { headers })
      expect(response.headers.get('content-encoding')).toBeNull()
      expect(response.json()).toEqual({ items })
    }
  })

  it('sends identity when no offered coding is acceptable and identity is not refused', async () => {
    const { client } = documentApp()
    const response = await client.get('/doc', { headers: { 'accept-encoding': 'compress, gzip;q=0' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-encoding')).toBeNull()
  })

  it('answers 406 before the handler only when identity is refused and no offered coding is acceptable', async () => {
    const { client, runs } = documentApp()
    for (const field of ['identity;q=0', '*;q=0', 'compress, identity;q=0']) {
      const response = await client.get('/doc', { headers: { 'accept-encoding': field } })
      expect(response.status, field).toBe(406)
      expect(traceOf(response).at(-1)).toBe('F7')
    }
    expect(runs()).toBe(0)
    const star = await client.get('/doc', { headers: { 'accept-encoding': '*, identity;q=0' } })
    expect(star.headers.get('content-encoding')).toBe('gzip')
  })

  it('compresses content under the threshold or of another type when identity is refused', async () => {
    const { client } = documentApp()
    const small = await client.get('/small', { headers: { 'accept-encoding': 'gzip, identity;q=0' } })
    expect(small.headers.get('content-encoding')).toBe('gzip')
    expect(JSON.parse(gunzipSync(small.body).toString())).toEqual({ ok: true })
  })

  it('sends Vary: Accept-Encoding on every response of a route that compresses', async () => {
    const { client } = documentApp()
    for (const [path, field] of [
      ['/doc', 'gzip'],
      ['/doc', undefined],
      ['/small', 'gzip'],
      ['/doc', 'identity;q=0'],
    ] as const) {
      const response = await client.get(path, {
        headers: field === undefined ? {} : { 'accept-encoding': field },
      })
      expect(response.headers.get('vary'), `${path} ${field}`).toMatch(/accept-encoding/i)
    }
    const notModified = await client.get('/doc', { headers: { 'if-none-match': '"v1"' } })
    expect(notModified.headers.get('vary')).toMatch(/accept-encoding/i)
  })

  it('leaves a route with compression off as it was: no F7, no Vary, identity', async () => {
    const { client } = documentApp()
    const response = await client.get('/plain', { headers: { 'accept-encoding': 'gzip' } })
    expect(response.headers.get('content-encoding')).toBeNull()
    expect(response.headers.get('vary')).toBeNull()
    expect(traceOf(response)).not.toContain('F7')
    const off = documentApp({}).client
    expect((await off.get('/doc', { headers: { 'accept-encoding': 'identity;q=0' } })).status).toBe(200)
  })
})

describe('what is never compressed', () => {
  it('leaves small content and media types not worth compressing alone', async () => {
    const { client } = documentApp()
    expect(
      (await client.get('/small', { headers: { 'accept-encoding': 'gzip' } })).headers.get(
        'content-encoding',
      ),
    ).toBeNull()
    const png = await client.get('/png', { headers: { 'accept-encoding': 'gzip' } })
    expect(png.headers.get('content-encoding')).toBeNull()
    expect(png.body.byteLength).toBe(4096)
  })

  it('sends HEAD the identity headers and no content', async () => {
    const { client } = documentApp()
    const response = await client.head('/doc', { headers: { 'accept-encoding': 'gzip' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-encoding')).toBeNull()
    expect(response.headers.get('etag')).toBe('"v1"')
  })

  it('never compresses a 206, nor a 200 to a request for ranges, and advertises ranges only on identity', async () => {
    const { client } = documentApp()
    const partial = await client.get('/text', { headers: { 'accept-encoding': 'gzip', range: 'bytes=0-4' } })
    expect(partial.status).toBe(206)
    expect(partial.text).toBe('abcde')
    expect(partial.headers.get('content-encoding')).toBeNull()
    const whole = await client.get('/text', { headers: { 'accept-encoding': 'gzip' } })
    expect(whole.headers.get('content-encoding')).toBe('gzip')
    expect(whole.headers.get('accept-ranges')).toBeNull()
    const identity = await client.get('/text')
    expect(identity.headers.get('accept-ranges')).toBe('bytes')
  })

  it('leaves content that already has a Content-Encoding alone', async () => {
    const { client } = documentApp()
    const response = await client.get('/encoded', { headers: { 'accept-encoding': 'gzip' } })
    expect(response.headers.get('content-encoding')).toBe('identity')
    expect(response.text).toBe('x'.repeat(2000))
  })
})

describe('the entity tag of the encoded form (RFC 9110 §8.8.3)', () => {
  it('gives the encoded form its own strong ETag, and the identity form keeps the resource one', async () => {
    const { client } = documentApp()
    const gzip = await client.get('/doc', { headers: { 'accept-encoding': 'gzip' } })
    expect(gzip.headers.get('etag')).toBe('"v1-gzip"')
    expect((await client.get('/doc')).headers.get('etag')).toBe('"v1"')
  })

  it('answers 304 to either form before the handler runs, with the tag the client holds (§13.1.2, §15.4.5)', async () => {
    const { client, runs } = documentApp()
    const encoded = await client.get('/doc', {
      headers: { 'accept-encoding': 'gzip', 'if-none-match': '"v1-gzip"' },
    })
    expect(encoded.status).toBe(304)
    expect(encoded.headers.get('etag')).toBe('"v1-gzip"')
    const identity = await client.get('/doc', {
      headers: { 'accept-encoding': 'gzip', 'if-none-match': '"v1"' },
    })
    expect(identity.status).toBe(304)
    expect(identity.headers.get('etag')).toBe('"v1"')
    expect(runs()).toBe(0)
  })

  it('answers 200 to the tag of an older state in any form', async () => {
    const { client } = documentApp()
    const response = await client.get('/doc', {
      headers: { 'accept-encoding': 'gzip', 'if-none-match': '"v0-gzip"' },
    })
    expect(response.status).toBe(200)
  })

  it('lets a write through with If-Match of the encoded form, and refuses another state (§13.1.1)', async () => {
    const { client } = documentApp()
    expect((await client.put('/doc', { headers: { 'if-match': '"v1-gzip"' } })).status).toBe(200)
    expect((await client.put('/doc', { headers: { 'if-match': '"v0-gzip"' } })).status).toBe(412)
    expect((await client.put('/doc', { headers: { 'if-match': 'W/"v1-gzip"' } })).status).toBe(412)
  })

  it('lets a PUT through with If-Match of the form a compressing GET sent, though the PUT does not compress', async () => {
    const app = new RestApplication().resourceExists('doc', () => ({ items }), { etag: () => '"v1"' })
    app.get('/doc', ({ doc }) => doc, { compression: true })
    app.put('/doc', ({ doc }) => ({ updated: doc.items.length }))
    app.put('/other', ({ doc }) => ({ updated: doc.items.length }))
    const client = createTestClient(app)
    const read = await client.get('/doc', { headers: { 'accept-encoding': 'gzip' } })
    expect(read.headers.get('etag')).toBe('"v1-gzip"')
    expect((await client.put('/doc', { headers: { 'if-match': '"v1-gzip"' } })).status).toBe(200)
    // A path where nothing compresses never issued an encoded tag, and does not accept one.
    expect((await client.put('/other', { headers: { 'if-match': '"v1-gzip"' } })).status).toBe(412)
  })

  it('matches If-Range only with the identity form, the one ranges are served of (§13.1.5)', async () => {
    const app = new RestApplication({ compression: true }).resourceExists(
      'doc',
      () => ({ text: 'abcdefghij'.repeat(200) }),
      { etag: () => '"t1"' },
    )
    app.get('/t', ({ doc }) => doc.text, { provides: 'text/plain', ranges: true })
    const client = createTestClient(app)
    const same = await client.get('/t', { headers: { range: 'bytes=0-1', 'if-range': '"t1"' } })
    expect(same.status).toBe(206)
    const encoded = await client.get('/t', {
      headers: { range: 'bytes=0-1', 'if-range': '"t1-gzip"', 'accept-encoding': 'gzip' },
    })
    expect(encoded.status).toBe(200)
    expect(encoded.headers.get('content-encoding')).toBeNull()
    expect(encoded.text).toHaveLength(2000)
  })
})

describe('compression settings', () => {
  it('lets a route turn compression on where the application has it off', async () => {
    const app = new RestApplication()
    app.get('/doc', () => ({ items }), { compression: { encodings: ['gzip'], threshold: 0 } })
    const response = await createTestClient(app).get('/doc', { headers: { 'accept-encoding': 'gzip' } })
    expect(response.headers.get('content-encoding')).toBe('gzip')
  })

  it('refuses an unknown coding and a negative threshold at start-up', async () => {
    const unknown = new RestApplication({ compression: { encodings: ['lzma' as 'gzip'] } })
    await expect(unknown.start()).rejects.toThrow(ConfigurationError)
    const app = new RestApplication()
    app.get('/x', () => 'x', { compression: { threshold: -1 } })
    await expect(app.start()).rejects.toThrow(/route GET \/x: compression: threshold/)
  })
})
