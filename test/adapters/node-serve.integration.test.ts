import { type RestApplication as App, RestApplication } from 'restmachine'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentOf, rawRequest, statusOf } from '../support/http.js'

function buildApp(): App {
  const app = new RestApplication().onStartup('started', () => Date.now())
  app.get('/hello', () => ({ hello: 'world' }))
  app.post('/echo', ({ jsonBody }) => jsonBody)
  app.get('/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300))
    return { slow: true }
  })
  app.get('/stream', () =>
    (async function* () {
      yield 'a'
      yield 'b'
    })(),
  )
  return app
}

describe('serve() on node:http', () => {
  let server: RunningServer

  beforeAll(async () => {
    server = await serve(buildApp(), { port: 0, handleSignals: false, maxHeaderSize: 4096 })
  })
  afterAll(() => server.close())

  it('answers over a real socket with an exact Content-Length', async () => {
    const response = await fetch(`${server.url}/hello`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-length')).toBe('17')
    expect(await response.json()).toEqual({ hello: 'world' })
  })

  it('answers HEAD with the GET headers, including Content-Length, and no content', async () => {
    const raw = await rawRequest(server.port, 'HEAD /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
    expect(statusOf(raw)).toBe(200)
    expect(raw).toMatch(/content-length: 17/i)
    expect(contentOf(raw)).toBe('')
  })

  it('reads JSON bodies and streams async-iterable responses', async () => {
    const echoed = await fetch(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: [1, 2] }),
    })
    expect(await echoed.json()).toEqual({ a: [1, 2] })
    expect(await (await fetch(`${server.url}/stream`)).text()).toBe('ab')
  })

  it('answers 431 with a JSON body when the headers are too large, and stays up', async () => {
    const raw = await rawRequest(
      server.port,
      `GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(8000)}\r\n\r\n`,
    )
    expect(statusOf(raw)).toBe(431)
    expect(JSON.parse(contentOf(raw))).toMatchObject({ error: 'Request Header Fields Too Large' })
    expect((await fetch(`${server.url}/hello`)).status).toBe(200)
  })

  it('answers 501 for a method the HTTP parser does not know, and 400 for garbage', async () => {
    const unknown = await rawRequest(server.port, 'FROBNICATE /hello HTTP/1.1\r\nHost: x\r\n\r\n')
    expect(statusOf(unknown)).toBe(501)
    const garbage = await rawRequest(server.port, 'GET /hello HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n')
    expect(statusOf(garbage)).toBe(400)
    expect(JSON.parse(contentOf(garbage))).toMatchObject({ error: 'Bad Request' })
  })

  it('answers 413 for a declared oversized body without reading it, and closes the connection', async () => {
    const raw = await rawRequest(
      server.port,
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{"a":',
    )
    expect(statusOf(raw)).toBe(413)
    expect(raw).toMatch(/connection: close/i)
  })

  it('answers 413 for a chunked body that grows past the limit', async () => {
    const chunk = 'x'.repeat(64 * 1024)
    const chunks = Array.from({ length: 20 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('')
    const raw = await rawRequest(
      server.port,
      `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}0\r\n\r\n`,
    )
    expect(statusOf(raw)).toBe(413)
  })

  it('answers 400 for invalid percent-encoding in the path', async () => {
    const response = await fetch(`${server.url}/hello%zz`)
    expect(response.status).toBe(400)
  })
})

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, refuses new connections, then runs shutdown hooks', async () => {
    const events: string[] = []
    const app = new RestApplication()
    app.get('/slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 300))
      events.push('handler finished')
      return { slow: true }
    })
    app.onShutdown(() => {
      events.push('shutdown hook')
    })
    const server = await serve(app, { port: 0, handleSignals: false })
    const inFlight = fetch(`${server.url}/slow`).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }))
    await new Promise((resolve) => setTimeout(resolve, 50))
    const closed = server.close().then(() => events.push('closed'))
    expect(await inFlight).toEqual({ status: 200, body: { slow: true } })
    await closed
    expect(events).toEqual(['handler finished', 'shutdown hook', 'closed'])
    await expect(fetch(`${server.url}/slow`)).rejects.toThrow()
  })

  it('fails to start, before listening, when the dependency graph is broken', async () => {
    const app = new RestApplication()
    app.get('/x', (({ missing }: { missing: unknown }) => missing) as never)
    await expect(serve(app, { port: 0, handleSignals: false })).rejects.toThrow(/'missing'/)
  })
})
