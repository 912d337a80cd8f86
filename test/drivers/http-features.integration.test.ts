import { serve } from 'restmachine/node'
import {
  createTestClient,
  type Driver,
  inProcess,
  overHttp,
  type TestClient,
  throughLambda,
} from 'restmachine/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { app } from '../../examples/http-features.js'
import { handler } from '../../examples/lambda.js'
import { captureConsole } from '../support/console.js'
import { FRONT_DOORS } from './drivers.js'

// One app object behind every driver, as deployed: examples/lambda.ts wraps the very `app` the
// HTTP server serves. Writes use ids of their own per driver so the drivers do not disturb each other.
const drivers: Driver[] = [
  inProcess(app),
  overHttp(() => serve(app, { port: 0, handleSignals: false })),
  ...FRONT_DOORS.map((door) => throughLambda(handler, door)),
]
const origin = 'https://example.com'

describe.each(drivers.map((driver, index) => [driver.name, driver, 9000 + index * 10] as const))(
  'examples/http-features.ts via %s',
  (_name, driver, ids) => {
    let client: TestClient
    beforeAll(() => {
      client = createTestClient(driver)
    })
    afterAll(() => client.close())

    it('serves a document with a strong ETag and Last-Modified, and 304 when it matches', async () => {
      const response = await client.get('/documents/2')
      expect(response.status).toBe(200)
      expect(response.headers.get('etag')).toBe('"2-v3"')
      expect(response.headers.get('last-modified')).toBe('Thu, 01 Feb 2024 12:00:00 GMT')
      const notModified = await client.get('/documents/2', { headers: { 'if-none-match': '"2-v3"' } })
      expect(notModified.status).toBe(304)
      expect(notModified.body.byteLength).toBe(0)
    })

    it('creates with PUT, then refuses a stale If-Match with 412 and deletes with 204', async () => {
      const created = await client.put(`/documents/${ids}`, { json: { title: 'Mine' } })
      expect(created.status).toBe(201)
      expect(created.headers.get('location')).toMatch(new RegExp(`/documents/${ids}$`))
      const stale = await client.put(`/documents/${ids}`, {
        json: { title: 'x' },
        headers: { 'if-match': '"nope"' },
      })
      expect(stale.status).toBe(412)
      const deleted = await client.delete(`/documents/${ids}`)
      expect(deleted.status).toBe(204)
      expect((await client.get(`/documents/${ids}`)).status).toBe(404)
    })

    it('negotiates the report as CSV or HTML, and answers 406 for a type nobody offers', async () => {
      const csv = await client.get('/report', { headers: { accept: 'text/csv' } })
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
      expect(csv.headers.get('vary')).toMatch(/accept/i)
      const page = await client.get('/report', { headers: { accept: 'text/html' } })
      expect(page.text).toContain('<h1>Document report</h1>')
      expect((await client.get('/documents/1', { headers: { accept: 'image/png' } })).status).toBe(406)
    })

    it('answers byte ranges with 206, and HEAD with the full Content-Length and no body', async () => {
      const part = await client.get('/files/sample.txt', { headers: { range: 'bytes=0-9' } })
      expect(part.status).toBe(206)
      expect(part.headers.get('content-range')).toBe('bytes 0-9/1000')
      expect(part.text).toBe('line:0000\n')
      const several = await client.get('/files/sample.txt', { headers: { range: 'bytes=0-9,20-29' } })
      expect(several.headers.get('content-type')).toMatch(/^multipart\/byteranges; boundary=/)
      const head = await client.head('/files/sample.txt')
      expect(head.headers.get('content-length')).toBe('1000')
      expect(head.body.byteLength).toBe(0)
    })

    it('answers a CORS preflight for the allowed origin', async () => {
      const preflight = await client.options('/documents/1', {
        headers: {
          origin,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'if-match',
        },
      })
      expect([200, 204]).toContain(preflight.status)
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin)
    })

    it('hides a failing handler behind a generic 500 and logs the error with the request id', async () => {
      const logged = captureConsole('error')
      const response = await client.get('/boom')
      expect(response.status).toBe(500)
      expect(response.text).not.toContain('kaboom-secret-detail')
      const id = response.json<{ request_id: string }>().request_id
      expect(logged).toEqual([
        [
          `[restmachine] request ${id} failed: GET /boom`,
          { requestId: id, error: new Error('kaboom-secret-detail') },
        ],
      ])
    })
  },
)
