import { RestApplication } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

const traceOf = (response: { headers: { get(name: string): string | null } }) =>
  response.headers.get('x-restmachine-trace')?.split(',') ?? []

function documentsApp() {
  let handlerRuns = 0
  const store = new Map([['1', { id: '1', version: 2, updated: '2024-01-01T00:00:00Z' }]])
  const app = new RestApplication({ trace: true }).resourceExists(
    'doc',
    ({ pathParams: { id } }) => (id === undefined ? null : store.get(id)),
    {
      etag: ({ doc }) => `"v${doc.version}"`,
      lastModified: ({ doc }) => doc.updated,
    },
  )
  app.get(
    '/docs/{id}',
    ({ doc }) => {
      handlerRuns++
      return doc
    },
    { cacheControl: 'max-age=60' },
  )
  app.put(
    '/docs/{id}',
    ({ id, doc }) => {
      handlerRuns++
      const next = { id, version: (doc?.version ?? 0) + 1, updated: '2024-06-01T00:00:00Z' }
      store.set(id, next)
      return next
    },
    { creates: 'doc' },
  )
  return { client: createTestClient(app), runs: () => handlerRuns }
}

describe('G8/G11 If-Match', () => {
  it('answers 412 for a non-matching or weak tag without running the handler', async () => {
    const { client, runs } = documentsApp()
    for (const tag of ['"v1"', 'W/"v2"', 'garbage']) {
      const response = await client.put('/docs/1', { headers: { 'if-match': tag } })
      expect(response.status).toBe(412)
      expect(traceOf(response)).toEqual(['MESSAGE', 'B12', 'B11', 'ROUTE', 'B10', 'G7', 'G8', 'G11'])
    }
    expect(runs()).toBe(0)
  })

  it('proceeds for a strong match in a list, and for * when the resource exists', async () => {
    const { client } = documentsApp()
    expect((await client.put('/docs/1', { headers: { 'if-match': '"a", "v2"' } })).status).toBe(200)
    expect((await client.put('/docs/1', { headers: { 'if-match': '*' } })).status).toBe(200)
  })

  it('fails If-Match: * when the resource is missing, even for a creating PUT', async () => {
    const { client } = documentsApp()
    expect((await client.put('/docs/2', { headers: { 'if-match': '*' } })).status).toBe(412)
  })
})

describe('a precondition field that repeats the current ETag exactly', () => {
  function weakTagApp() {
    const app = new RestApplication().resourceExists('doc', () => ({ v: 3 }), { etag: () => 'W/"v3"' })
    app.get('/doc', ({ doc }) => doc)
    app.put('/doc', ({ doc }) => doc)
    return createTestClient(app)
  }

  it('matches a weak tag for If-None-Match (weak comparison) and answers 304', async () => {
    const response = await weakTagApp().get('/doc', { headers: { 'if-none-match': 'W/"v3"' } })
    expect(response.status).toBe(304)
  })

  it('does not match a weak tag for If-Match (strong comparison, RFC 9110 §8.8.3.2) and answers 412', async () => {
    const response = await weakTagApp().put('/doc', { headers: { 'if-match': 'W/"v3"' } })
    expect(response.status).toBe(412)
  })

  it('matches a strong tag for If-Match and proceeds', async () => {
    const { client } = documentsApp()
    expect((await client.put('/docs/1', { headers: { 'if-match': '"v2"' } })).status).toBe(200)
  })
})

describe('H10/H12 If-Unmodified-Since', () => {
  it('answers 412 when modified since, and is ignored with If-Match or an invalid date', async () => {
    const { client } = documentsApp()
    const response = await client.put('/docs/1', {
      headers: { 'if-unmodified-since': 'Sun, 31 Dec 2023 00:00:00 GMT' },
    })
    expect(response.status).toBe(412)
    expect(traceOf(response)).toEqual(['MESSAGE', 'B12', 'B11', 'ROUTE', 'B10', 'G7', 'G8', 'H10', 'H12'])
    expect((await client.put('/docs/1', { headers: { 'if-unmodified-since': 'yesterday' } })).status).toBe(
      200,
    )
  })

  it('compares whole seconds', async () => {
    const { client } = documentsApp()
    const response = await client.put('/docs/1', {
      headers: { 'if-unmodified-since': 'Mon, 01 Jan 2024 00:00:00 GMT' },
    })
    expect(response.status).toBe(200)
  })
})

describe('I12/K13/J18 If-None-Match', () => {
  it('answers 304 for GET with the validators, Cache-Control and no body, without running the handler', async () => {
    const { client, runs } = documentsApp()
    const response = await client.get('/docs/1', { headers: { 'if-none-match': 'W/"v2"' } })
    expect(response.status).toBe(304)
    expect(response.text).toBe('')
    expect(response.headers.get('etag')).toBe('"v2"')
    expect(response.headers.get('last-modified')).toBe('Mon, 01 Jan 2024 00:00:00 GMT')
    expect(response.headers.get('cache-control')).toBe('max-age=60')
    expect(response.headers.has('content-type')).toBe(false)
    expect(traceOf(response)).toEqual([
      'MESSAGE',
      'B12',
      'B11',
      'ROUTE',
      'B10',
      'G7',
      'G8',
      'H10',
      'I12',
      'K13',
      'J18',
    ])
    expect(runs()).toBe(0)
  })

  it('answers 412 for other methods, and 201 for a creating PUT with If-None-Match: *', async () => {
    const { client } = documentsApp()
    expect((await client.put('/docs/1', { headers: { 'if-none-match': '*' } })).status).toBe(412)
    const created = await client.put('/docs/9', { headers: { 'if-none-match': '*' } })
    expect([created.status, created.headers.get('location')]).toEqual([201, '/docs/9'])
  })

  it('sends ETag, Last-Modified and Cache-Control with a 200 GET but not with a PUT response', async () => {
    const { client } = documentsApp()
    const got = await client.get('/docs/1')
    expect([got.headers.get('etag'), got.headers.get('cache-control')]).toEqual(['"v2"', 'max-age=60'])
    const put = await client.put('/docs/1')
    expect(put.headers.has('etag')).toBe(false)
  })
})

describe('L13/L17 If-Modified-Since', () => {
  it('answers 304 when not modified since, 200 otherwise, and ignores future or invalid dates', async () => {
    const { client } = documentsApp()
    const notModified = await client.get('/docs/1', {
      headers: { 'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT' },
    })
    expect(notModified.status).toBe(304)
    expect(traceOf(notModified).slice(-2)).toEqual(['L13', 'L17'])
    expect(
      (await client.get('/docs/1', { headers: { 'if-modified-since': 'Sun, 31 Dec 2023 23:59:59 GMT' } }))
        .status,
    ).toBe(200)
    expect(
      (await client.get('/docs/1', { headers: { 'if-modified-since': 'Fri, 01 Jan 2100 00:00:00 GMT' } }))
        .status,
    ).toBe(200)
    expect((await client.get('/docs/1', { headers: { 'if-modified-since': 'nope' } })).status).toBe(200)
  })

  it('is ignored for methods other than GET and HEAD', async () => {
    const { client } = documentsApp()
    expect(
      (await client.put('/docs/1', { headers: { 'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT' } }))
        .status,
    ).toBe(200)
  })
})
