import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureConsole } from '../support/console.js'
import { rawRequest, statusOf } from '../support/http.js'
import { EXAMPLE_DOORS, type OpenDoor, openDoor } from './support/doors.js'

// shared/specs/http-features.md, checked over real HTTP and through every AWS front door (a fresh
// copy of the app per door). Tests that write use ids of their own so they do not disturb the others.
describe.each(EXAMPLE_DOORS)('examples/http-features.ts via %s', (door) => {
  let open: OpenDoor
  const url = (path: string) => `${open.url}${path}`
  const fetch = (input: string, init?: RequestInit) => open.fetch(input, init)
  const get = (path: string, headers: Record<string, string> = {}) => fetch(url(path), { headers })
  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(url(path), {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })

  beforeAll(async () => {
    open = await openDoor(door, async () => (await import('../../examples/http-features.js')).app)
  })
  afterAll(() => open.close())

  describe('documents', () => {
    it('lists the seed in store order, ignoring query strings', async () => {
      const response = await get('/documents?sort=desc')
      const list = (await response.json()) as { id: string }[]
      expect(list.slice(0, 3)).toEqual([
        { id: '1', title: 'First', body: 'Hello', version: 1, updated: '2024-01-01T00:00:00Z' },
        { id: '2', title: 'Second', body: 'World', version: 3, updated: '2024-02-01T12:00:00Z' },
        { id: '3', title: 'Third', body: '', version: 1, updated: '2024-03-15T08:30:00Z' },
      ])
    })

    it('serves one document with a strong ETag and Last-Modified', async () => {
      const response = await get('/documents/2')
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      expect(response.headers.get('etag')).toBe('"2-v3"')
      expect(response.headers.get('last-modified')).toBe('Thu, 01 Feb 2024 12:00:00 GMT')
    })

    it('creates with POST: 201, Location and the next id after the largest ever stored', async () => {
      const response = await send('POST', '/documents', { title: 'New', id: '99', version: 7 })
      expect(response.status).toBe(201)
      const document = (await response.json()) as { id: string }
      expect(response.headers.get('location')).toBe(`/documents/${document.id}`)
      expect(document).toMatchObject({ title: 'New', body: '', version: 1, updated: '2024-06-01T00:00:00Z' })
      expect(Number(document.id)).toBeGreaterThanOrEqual(4)
    })

    it('replaces with PUT (version + 1, 200, no validators) and creates a missing id (201 + Location)', async () => {
      const created = await send('PUT', '/documents/500', { title: 'Five hundred' })
      expect(created.status).toBe(201)
      expect(created.headers.get('location')).toMatch(/\/documents\/500$/)
      const replaced = await send('PUT', '/documents/500', { title: 'Again', body: 'b' })
      expect(replaced.status).toBe(200)
      expect(await replaced.json()).toMatchObject({ id: '500', title: 'Again', body: 'b', version: 2 })
      expect(replaced.headers.get('etag')).toBeNull()
      expect(replaced.headers.get('last-modified')).toBeNull()
      const next = await send('POST', '/documents', { title: 'After 500' })
      expect(((await next.json()) as { id: string }).id).toBe('501')
    })

    it('gives a document whose id holds a space or a quote a valid strong ETag that matches again', async () => {
      for (const id of ['with space', 'quote"d', 'caf\u00e9']) {
        const path = `/documents/${encodeURIComponent(id)}`
        expect((await send('PUT', path, { title: id })).status).toBe(201)
        const read = await get(path)
        expect(read.status).toBe(200)
        const etag = read.headers.get('etag') ?? ''
        expect(etag).toMatch(/^"[\x21\x23-\x7e]+"$/)
        expect((await get(path, { 'if-none-match': etag })).status).toBe(304)
      }
    })

    it('deletes with 204, no body and no Content-Length; 404 afterwards', async () => {
      await send('PUT', '/documents/600', { title: 'Doomed' })
      if (open.server !== undefined) {
        const raw = await rawRequest(
          open.server.port,
          'DELETE /documents/600 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
        )
        expect(statusOf(raw)).toBe(204)
        expect(raw.toLowerCase()).not.toContain('content-length')
      } else {
        const deleted = await send('DELETE', '/documents/600')
        expect(deleted.status).toBe(204)
        expect(deleted.headers.get('content-length')).toBeNull()
        expect(await deleted.text()).toBe('')
      }
      expect((await get('/documents/600')).status).toBe(404)
      expect((await send('DELETE', '/documents/600')).status).toBe(404)
    })
  })

  describe('methods', () => {
    it('answers OPTIONS with 204 and exact Allow lists', async () => {
      const allow = async (path: string) => (await send('OPTIONS', path)).headers.get('allow')
      expect(await allow('/documents')).toBe('GET, HEAD, OPTIONS, POST')
      expect(await allow('/documents/1')).toBe('DELETE, GET, HEAD, OPTIONS, PUT')
      for (const path of ['/report', '/files/sample.txt', '/boom'])
        expect(await allow(path)).toBe('GET, HEAD, OPTIONS')
    })

    it('answers 405 with Allow, 404 for unknown paths and 501 for PROPFIND', async () => {
      const refused = await send('PATCH', '/documents/1', { title: 'x' })
      expect(refused.status).toBe(405)
      expect(refused.headers.get('allow')).toBe('DELETE, GET, HEAD, OPTIONS, PUT')
      expect((await get('/nowhere')).status).toBe(404)
      expect((await send('PROPFIND', '/documents')).status).toBe(501)
    })

    it('answers HEAD like GET, with the same Content-Length and no body', async () => {
      for (const path of ['/documents', '/documents/1', '/report', '/files/sample.txt']) {
        const [getResponse, head] = await Promise.all([get(path), fetch(url(path), { method: 'HEAD' })])
        expect(head.status).toBe(getResponse.status)
        expect(head.headers.get('content-length')).toBe(getResponse.headers.get('content-length'))
        expect(head.headers.get('etag')).toBe(getResponse.headers.get('etag'))
        expect(await head.text()).toBe('')
      }
    })

    it('hides the error of a failing handler behind a generic 500 and logs it with the request id', async () => {
      const logged = captureConsole('error')
      const response = await get('/boom')
      const text = await response.text()
      expect(response.status).toBe(500)
      expect(text).not.toContain('kaboom')
      expect(text).not.toMatch(/\bat\s+\S+\s+\(/)
      const body = JSON.parse(text)
      expect(typeof body.error).toBe('string')
      expect(logged).toEqual([
        [
          `[restmachine] request ${body.request_id} failed: GET /boom`,
          { requestId: body.request_id, error: new Error('kaboom-secret-detail') },
        ],
      ])
    })
  })

  describe('request bodies', () => {
    it('checks 413, then 415, then 400, then 422', async () => {
      const big = JSON.stringify({ title: 'x', body: 'y'.repeat(1_048_600) })
      expect((await send('POST', '/documents', big, { 'content-type': 'text/plain' })).status).toBe(413)
      expect(
        (await send('POST', '/documents', '{"title":"x"}', { 'content-type': 'text/plain' })).status,
      ).toBe(415)
      expect((await fetch(url('/documents'), { method: 'POST', body: '{"title":"x"}' })).status).toBe(415)
      expect((await send('POST', '/documents', '{"title":')).status).toBe(400)
      expect((await send('POST', '/documents', '', { 'content-type': 'application/json' })).status).toBe(400)
      const invalid = await send('POST', '/documents', { title: '', body: 5 })
      expect(invalid.status).toBe(422)
      const body = (await invalid.json()) as {
        error: string
        details: { loc: string[]; msg: string; type: string }[]
      }
      expect(typeof body.error).toBe('string')
      expect(body.details.map((d) => d.loc)).toEqual([['title'], ['body']])
      const notObject = await send('POST', '/documents', [1, 2])
      expect(((await notObject.json()) as { details: { loc: unknown[] }[] }).details[0]?.loc).toEqual([])
    })

    it('accepts JSON with a charset parameter', async () => {
      const response = await send('POST', '/documents', '{"title":"cs"}', {
        'content-type': 'application/json; charset=utf-8',
      })
      expect(response.status).toBe(201)
    })
  })

  describe('conditional requests', () => {
    it('If-Match: strong match proceeds, mismatch or weak → 412, * depends on existence', async () => {
      await send('PUT', '/documents/700', { title: 'Seven' })
      expect((await send('PUT', '/documents/700', { title: 'x' }, { 'if-match': '"700-v9"' })).status).toBe(
        412,
      )
      expect((await send('PUT', '/documents/700', { title: 'x' }, { 'if-match': 'W/"700-v1"' })).status).toBe(
        412,
      )
      expect(
        (await send('PUT', '/documents/700', { title: 'x' }, { 'if-match': '"other", "700-v1"' })).status,
      ).toBe(200)
      expect((await send('PUT', '/documents/700', { title: 'y' }, { 'if-match': '*' })).status).toBe(200)
      expect((await send('PUT', '/documents/701', { title: 'y' }, { 'if-match': '*' })).status).toBe(412)
    })

    it('If-None-Match: 304 for GET/HEAD, 412 for writes; * creates only when absent', async () => {
      const notModified = await get('/documents/1', { 'if-none-match': 'W/"1-v1"' })
      expect(notModified.status).toBe(304)
      expect(notModified.headers.get('etag')).toBe('"1-v1"')
      expect(notModified.headers.get('content-length')).toBeNull()
      expect(await notModified.text()).toBe('')
      expect((await get('/documents/1', { 'if-none-match': '"1-v0"' })).status).toBe(200)
      expect((await send('PUT', '/documents/800', { title: 'x' }, { 'if-none-match': '*' })).status).toBe(201)
      expect((await send('PUT', '/documents/800', { title: 'x' }, { 'if-none-match': '*' })).status).toBe(412)
      expect(
        (await send('DELETE', '/documents/800', undefined, { 'if-none-match': '"800-v1"' })).status,
      ).toBe(412)
    })

    it('If-Unmodified-Since applies only without If-Match, in all three date formats', async () => {
      await send('PUT', '/documents/900', { title: 'Nine hundred' }) // updated 2024-06-01T00:00:00Z
      const put = (headers: Record<string, string>) => send('PUT', '/documents/900', { title: 'x' }, headers)
      expect((await put({ 'if-unmodified-since': 'Fri, 31 May 2024 00:00:00 GMT' })).status).toBe(412)
      expect(
        (await put({ 'if-unmodified-since': 'Friday, 31-May-24 00:00:00 GMT', 'if-match': '"900-v1"' }))
          .status,
      ).toBe(200)
      expect(
        (
          await send('DELETE', '/documents/900', undefined, {
            'if-unmodified-since': 'Fri May 31 23:59:59 2024',
          })
        ).status,
      ).toBe(412)
      expect(
        (
          await send('DELETE', '/documents/900', undefined, {
            'if-unmodified-since': 'Sat, 01 Jun 2024 00:00:00 GMT',
          })
        ).status,
      ).toBe(204)
      await send('PUT', '/documents/901', { title: 'Nine hundred one' })
      expect(
        (await send('DELETE', '/documents/901', undefined, { 'if-unmodified-since': 'not a date' })).status,
      ).toBe(204)
    })

    it('If-Modified-Since: 304 when not modified, ignored with If-None-Match or an invalid date', async () => {
      expect(
        (await get('/documents/1', { 'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT' })).status,
      ).toBe(304)
      expect(
        (await get('/documents/1', { 'if-modified-since': 'Sun, 31 Dec 2023 23:59:59 GMT' })).status,
      ).toBe(200)
      expect((await get('/documents/1', { 'if-modified-since': 'garbage' })).status).toBe(200)
      expect(
        (
          await get('/documents/1', {
            'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT',
            'if-none-match': '"nope"',
          })
        ).status,
      ).toBe(200)
    })

    it('answers 404 before preconditions', async () => {
      expect((await get('/documents/9999', { 'if-match': '*' })).status).toBe(404)
    })
  })

  describe('GET /report', () => {
    it('negotiates JSON, HTML and CSV with q-values and server preference, always with Vary: Accept', async () => {
      const cases: [string | undefined, number, string | undefined][] = [
        [undefined, 200, 'application/json'],
        ['*/*', 200, 'application/json'],
        ['text/*', 200, 'text/html'],
        ['text/csv;q=0.9, text/html;q=0.1', 200, 'text/csv'],
        ['TEXT/CSV', 200, 'text/csv'],
        ['application/json;q=0, */*', 200, 'text/html'],
        ['image/png', 406, undefined],
      ]
      for (const [accept, status, type] of cases) {
        const response = await get('/report', accept === undefined ? {} : { accept })
        expect(response.status, String(accept)).toBe(status)
        expect(response.headers.get('vary')).toMatch(/accept/i)
        if (type !== undefined) expect(response.headers.get('content-type')).toMatch(new RegExp(`^${type}`))
      }
    })

    it('renders each representation as specified', async () => {
      const json = (await (await get('/report')).json()) as { title: string; count: number }
      expect(json.title).toBe('Document report')
      expect(json.count).toBe(((await (await get('/documents')).json()) as unknown[]).length)
      expect(await (await get('/report', { accept: 'text/html' })).text()).toContain(
        '<h1>Document report</h1>',
      )
      const csv = await (await get('/report', { accept: 'text/csv' })).text()
      expect(csv.startsWith('id,title,version\r\n1,First,1\r\n2,Second,3\r\n')).toBe(true)
    })

    it('answers 406 for a resource whose only type is excluded', async () => {
      expect((await get('/documents/1', { accept: 'text/csv' })).status).toBe(406)
    })
  })

  describe('GET /files/sample.txt', () => {
    const range = (value: string, extra: Record<string, string> = {}) =>
      get('/files/sample.txt', { range: value, ...extra })

    it('serves 1000 bytes as text/plain with validators and Accept-Ranges', async () => {
      const response = await get('/files/sample.txt')
      const text = await response.text()
      expect(text.length).toBe(1000)
      expect(text.slice(0, 20)).toBe('line:0000\nline:0001\n')
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
      expect(response.headers.get('etag')).toBe('"sample-v1"')
      expect(response.headers.get('last-modified')).toBe('Mon, 01 Jan 2024 00:00:00 GMT')
      expect(response.headers.get('accept-ranges')).toBe('bytes')
      expect((await get('/files/other.txt')).status).toBe(404)
    })

    it('answers single and suffix ranges with 206 and Content-Range', async () => {
      const cases: [string, string, string][] = [
        ['bytes=0-9', 'bytes 0-9/1000', 'line:0000\n'],
        ['bytes=990-', 'bytes 990-999/1000', 'line:0099\n'],
        ['bytes=-10', 'bytes 990-999/1000', 'line:0099\n'],
        ['bytes=995-5000', 'bytes 995-999/1000', '0099\n'],
      ]
      for (const [value, contentRange, body] of cases) {
        const response = await range(value)
        expect(response.status).toBe(206)
        expect(response.headers.get('content-range')).toBe(contentRange)
        expect(response.headers.get('etag')).toBe('"sample-v1"')
        expect(await response.text()).toBe(body)
        expect(response.headers.get('content-length')).toBe(String(body.length))
      }
      const whole = await range('bytes=-5000')
      expect([whole.status, whole.headers.get('content-range')]).toEqual([206, 'bytes 0-999/1000'])
    })

    it('answers unsatisfiable ranges with 416 and ignores unknown units and invalid syntax', async () => {
      for (const value of ['bytes=1000-', 'bytes=-0']) {
        const response = await range(value)
        expect(response.status).toBe(416)
        expect(response.headers.get('content-range')).toBe('bytes */1000')
      }
      for (const value of ['items=0-9', 'bytes=10-5', 'bytes=abc'])
        expect((await range(value)).status).toBe(200)
    })

    it('answers several ranges with multipart/byteranges', async () => {
      const response = await range('bytes=0-9, 20-29')
      expect(response.status).toBe(206)
      expect(response.headers.get('content-type')).toMatch(/^multipart\/byteranges; boundary=/)
      const text = await response.text()
      expect(text).toContain('Content-Range: bytes 0-9/1000')
      expect(text).toContain('Content-Range: bytes 20-29/1000')
    })

    it('honours If-Range only for a strong ETag or the exact Last-Modified', async () => {
      expect((await range('bytes=0-9', { 'if-range': '"sample-v1"' })).status).toBe(206)
      expect((await range('bytes=0-9', { 'if-range': 'Mon, 01 Jan 2024 00:00:00 GMT' })).status).toBe(206)
      expect((await range('bytes=0-9', { 'if-range': 'W/"sample-v1"' })).status).toBe(200)
      expect((await range('bytes=0-9', { 'if-range': '"sample-v0"' })).status).toBe(200)
      expect((await range('bytes=0-9', { 'if-range': 'Tue, 02 Jan 2024 00:00:00 GMT' })).status).toBe(200)
    })

    it('answers conditional requests too', async () => {
      expect((await get('/files/sample.txt', { 'if-none-match': '"sample-v1"' })).status).toBe(304)
    })
  })

  describe('CORS on /documents/{id}', () => {
    const origin = 'https://example.com'

    it('answers a preflight from the allowed origin', async () => {
      const response = await send('OPTIONS', '/documents/1', undefined, {
        origin,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type, if-match',
      })
      expect([200, 204]).toContain(response.status)
      expect(response.headers.get('access-control-allow-origin')).toBe(origin)
      const methods = response.headers.get('access-control-allow-methods') ?? ''
      for (const method of ['GET', 'PUT', 'DELETE']) expect(methods).toContain(method)
      const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase()
      for (const header of ['content-type', 'if-match', 'if-none-match']) expect(allowed).toContain(header)
      expect(response.headers.get('access-control-max-age')).toBe('600')
    })

    it('adds CORS headers to every response of the route to that origin, errors included', async () => {
      for (const response of [
        await get('/documents/1', { origin }),
        await get('/documents/12345', { origin }),
      ]) {
        expect(response.headers.get('access-control-allow-origin')).toBe(origin)
        const expose = (response.headers.get('access-control-expose-headers') ?? '').toLowerCase()
        expect(expose).toContain('etag')
        expect(expose).toContain('location')
        expect(response.headers.get('vary')).toMatch(/origin/i)
      }
    })

    it('gives nothing to other origins, requests without Origin, or other routes', async () => {
      const other = await send('OPTIONS', '/documents/1', undefined, {
        origin: 'https://evil.example',
        'access-control-request-method': 'PUT',
      })
      expect(other.headers.get('access-control-allow-origin')).toBeNull()
      expect(
        (await get('/documents/1', { origin: 'https://evil.example' })).headers.get(
          'access-control-allow-origin',
        ),
      ).toBeNull()
      expect((await get('/documents/1')).headers.get('access-control-allow-origin')).toBeNull()
      expect((await get('/documents', { origin })).headers.get('access-control-allow-origin')).toBeNull()
      expect((await get('/report', { origin })).headers.get('access-control-allow-origin')).toBeNull()
    })
  })
})
