import pino from 'pino'
import { RestApplication, RestResponse, respond } from 'restmachine'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { h2Request } from './http2-client.js'
import { generateCertificates } from './tls-certificates.js'

/** Handlers that copy client input into a header field, as real code does with names and ids. */
function buildApp(lines: Record<string, unknown>[]) {
  const logger = pino({}, { write: (line: string) => lines.push(JSON.parse(line)) })
  const app = new RestApplication({ logger })
  app.get('/echo', ({ queryParams }) => respond('echoed', { headers: { 'x-echo': queryParams.v ?? '' } }))
  app.get('/later', async ({ queryParams }) => {
    await new Promise((resolve) => setTimeout(resolve, 5))
    return new RestResponse(200, { 'x-echo': queryParams.v ?? '' }, 'echoed')
  })
  return app
}

// A value with CR LF would end the field and start another one (RFC 9110 §5.5): response splitting.
const INJECTED = 'a\r\nInjected: yes'
const STANDARD_500 = { error: 'Internal Server Error', message: 'An unexpected error occurred' }

interface Answer {
  status: number
  headers: Record<string, unknown>
  body: string
}

/** The failure, logged once by the application: the field's name, never the client's value. */
function expectLoggedByName(lines: Record<string, unknown>[], requestId: unknown): void {
  const failures = lines.filter((line) => line.level === 50)
  expect(failures).toHaveLength(1)
  expect(failures[0]?.requestId).toBe(requestId)
  expect(JSON.stringify(failures[0])).toContain('x-echo')
  expect(JSON.stringify(lines)).not.toContain('Injected')
}

function describeOver(
  protocol: string,
  start: (app: RestApplication) => Promise<RunningServer>,
  get: (server: RunningServer, path: string) => Promise<Answer>,
) {
  describe(`a handler that puts client input with CR LF into a header field, over ${protocol}`, () => {
    let server: RunningServer
    const lines: Record<string, unknown>[] = []
    beforeAll(async () => {
      server = await start(buildApp(lines))
    })
    afterAll(() => server.close())

    for (const path of ['/echo', '/later']) {
      it(`answers the standard 500, logs the field's name and keeps serving (${path})`, async () => {
        lines.length = 0
        const refused = await get(server, `${path}?v=${encodeURIComponent(INJECTED)}`)
        expect(refused.status).toBe(500)
        expect(refused.headers['x-echo']).toBeUndefined()
        expect(refused.headers.injected).toBeUndefined()
        const body = JSON.parse(refused.body) as Record<string, unknown>
        expect(body).toEqual({ ...STANDARD_500, request_id: body.request_id })
        expectLoggedByName(lines, body.request_id)
        const fine = await get(server, `${path}?v=plain`)
        expect(fine.status).toBe(200)
        expect(fine.headers['x-echo']).toBe('plain')
      })
    }
  })
}

describeOver(
  'HTTP/1.1',
  (app) => serve(app, { port: 0, handleSignals: false }),
  async (server, path) => {
    const response = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(5000) })
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: await response.text(),
    }
  },
)

const certs = generateCertificates()
describeOver(
  'HTTP/2 with TLS (Node would send the field: RFC 9113 §8.2.1 forbids it)',
  (app) =>
    serve(app, {
      port: 0,
      handleSignals: false,
      http2: true,
      tls: { key: certs.serverKey, cert: certs.serverCert },
    }),
  async (server, path) => {
    const response = await h2Request(server.url, path, { ca: certs.ca })
    expect(response.alpn).toBe('h2')
    return response
  },
)
