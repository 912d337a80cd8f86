import { RestApplication } from 'restmachine'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentOf, rawRequest, statusOf } from '../support/http.js'

// Two different applications served side by side by one process, over real sockets: the
// machine's own answers (405 + Allow, 414, 501) must come from each application's own routes and
// options, whichever application answered first.
function documentsApp(): RestApplication {
  const app = new RestApplication({ maxUriLength: 40 })
  app.get('/documents', () => [])
  app.post('/documents', () => ({ id: '1' }))
  return app
}

function reportsApp(): RestApplication {
  const app = new RestApplication({ maxUriLength: 400 })
  app.get('/documents', () => [])
  app.delete('/documents', () => null)
  app.put('/documents', () => ({ replaced: true }))
  return app
}

describe('two applications in one process', () => {
  let documents: RunningServer
  let reports: RunningServer
  let limitBefore: number
  let limitAfterCompiling: number

  beforeAll(async () => {
    Error.stackTraceLimit = 23
    limitBefore = Error.stackTraceLimit
    documents = await serve(documentsApp(), { port: 0, handleSignals: false })
    reports = await serve(reportsApp(), { port: 0, handleSignals: false })
    limitAfterCompiling = Error.stackTraceLimit
  })
  afterAll(async () => {
    await Promise.all([documents?.close(), reports?.close()])
    Error.stackTraceLimit = 10
  })

  it('answers each 405 with its own application’s Allow header', async () => {
    // The same method and path in both: a shared cache would hand the second the first's answer.
    for (let round = 0; round < 2; round++) {
      const first = await fetch(`${documents.url}/documents`, { method: 'PATCH' })
      const second = await fetch(`${reports.url}/documents`, { method: 'PATCH' })
      expect(first.status).toBe(405)
      expect(first.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST')
      expect(second.status).toBe(405)
      expect(second.headers.get('allow')).toBe('DELETE, GET, HEAD, OPTIONS, PUT')
    }
  })

  it('answers each 414 with its own application’s URI length limit', async () => {
    const target = `/documents?q=${'x'.repeat(60)}`
    const short = await fetch(`${documents.url}${target}`)
    expect(short.status).toBe(414)
    expect(await short.json()).toEqual({
      error: 'URI Too Long',
      message: 'Request URI exceeds 40 characters',
    })
    // 73 characters are within the other application's limit of 400.
    expect((await fetch(`${reports.url}${target}`)).status).toBe(200)
    const long = await fetch(`${reports.url}/documents?q=${'y'.repeat(500)}`)
    expect(long.status).toBe(414)
    expect(await long.json()).toEqual({
      error: 'URI Too Long',
      message: 'Request URI exceeds 400 characters',
    })
    expect(((await (await fetch(`${documents.url}${target}`)).json()) as { message: string }).message).toBe(
      'Request URI exceeds 40 characters',
    )
  })

  it('leaves the process-wide Error.stackTraceLimit alone when compiling and answering', async () => {
    expect(limitAfterCompiling).toBe(limitBefore)
    await fetch(`${documents.url}/nowhere`)
    await fetch(`${reports.url}/documents`, { method: 'PATCH' })
    expect(Error.stackTraceLimit).toBe(23)
  })
})

describe('a 5xx the machine decides', () => {
  let server: RunningServer

  beforeAll(async () => {
    const app = new RestApplication({
      serviceAvailable: (request) => request.headers.get('x-maintenance') === null,
    })
    app.get('/documents', () => [])
    server = await serve(app, { port: 0, handleSignals: false })
  })
  afterAll(() => server.close())

  it('says that an unknown method is not implemented instead of "an unexpected error"', async () => {
    const raw = await rawRequest(
      server.port,
      'PROPFIND /documents HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    )
    expect(statusOf(raw)).toBe(501)
    expect(JSON.parse(contentOf(raw))).toEqual({
      error: 'Not Implemented',
      message: 'Method PROPFIND is not implemented by this server',
    })
  })

  it('says that the service is unavailable when serviceAvailable answers no', async () => {
    const response = await fetch(`${server.url}/documents`, { headers: { 'x-maintenance': '1' } })
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({
      error: 'Service Unavailable',
      message: 'The service is temporarily unavailable',
    })
  })
})
