import { RestApplication } from 'restmachine'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentOf, rawRequest, statusOf } from '../support/http.js'

// Each bad input gets the right 4xx with a JSON error body; the process stays up and other
// requests are unaffected. Run over a real socket, since that is where attackers are.
describe('bad input never crashes the server nor gets a 500', () => {
  let server: RunningServer
  const merged: Record<string, unknown>[] = []

  beforeAll(async () => {
    const app = new RestApplication({ bodyLimit: 64 * 1024, logger: { error: () => {} } })
    app.post('/merge', ({ jsonBody }) => {
      // The careless merge the guide's PUT example does: it must stay safe.
      const target: Record<string, unknown> = {}
      Object.assign(target, jsonBody)
      merged.push(target)
      return { polluted: ({} as Record<string, unknown>).isAdmin === true }
    })
    app.get('/posts/{id}', ({ id }) => ({ id }))
    server = await serve(app, { port: 0, handleSignals: false, maxHeaderSize: 8192 })
  })
  afterAll(() => server.close())

  const post = (body: string, contentType = 'application/json') =>
    fetch(`${server.url}/merge`, { method: 'POST', headers: { 'content-type': contentType }, body })

  async function expectJsonError(response: Response, status: number) {
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toBe('application/json')
    const body = (await response.json()) as { error: string; message: string }
    expect(typeof body.error).toBe('string')
    expect(typeof body.message).toBe('string')
    return body
  }

  it('answers malformed JSON with 400', async () => {
    for (const body of ['{', '{"a":}', 'nul', '[1,]', '', '\u0000'])
      await expectJsonError(await post(body), 400)
  })

  it('answers invalid UTF-8 with 400', async () => {
    const response = await fetch(`${server.url}/merge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    })
    await expectJsonError(response, 400)
  })

  it('answers a wrong content type with 415', async () => {
    await expectJsonError(await post('{"a":1}', 'text/plain'), 415)
    await expectJsonError(await post('a=1', 'application/x-www-form-urlencoded'), 415)
  })

  it('answers an oversized body with 413', async () => {
    await expectJsonError(await post(JSON.stringify({ big: 'x'.repeat(100 * 1024) })), 413)
  })

  it('answers a huge header with 431', async () => {
    const raw = await rawRequest(
      server.port,
      `GET /posts/1 HTTP/1.1\r\nHost: x\r\nCookie: ${'c'.repeat(10000)}\r\n\r\n`,
    )
    expect(statusOf(raw)).toBe(431)
    expect(JSON.parse(contentOf(raw)).error).toBe('Request Header Fields Too Large')
  })

  it('answers invalid percent-encoding in the path with 400', async () => {
    await expectJsonError(await fetch(`${server.url}/posts/%E0%A4%A`), 400)
    await expectJsonError(await fetch(`${server.url}/posts/%`), 400)
  })

  it('answers an unknown method with 501', async () => {
    const raw = await rawRequest(
      server.port,
      'PROPFIND /posts/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    )
    expect(statusOf(raw)).toBe(501)
    expect(JSON.parse(contentOf(raw)).error).toBe('Not Implemented')
  })

  it('refuses __proto__ and constructor.prototype keys, however they are spelled, so merges cannot pollute', async () => {
    const attacks = [
      '{"__proto__":{"isAdmin":true}}',
      '{"a":{"b":[{"__proto__":{"isAdmin":true}}]}}',
      '{"\\u005f_proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"isAdmin":true}}}',
      '{"constru\\u0063tor":{"prototype":{"isAdmin":true}}}',
    ]
    for (const attack of attacks) {
      const body = await expectJsonError(await post(attack), 400)
      expect(body.message).toMatch(/forbidden key/)
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
    expect(merged).toHaveLength(0)
  })

  it('accepts harmless data that merely mentions those words', async () => {
    const response = await post('{"title":"__proto__ and constructor explained","constructor":"Bob"}')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ polluted: false })
  })

  it('keeps serving other requests after all of the above', async () => {
    const response = await fetch(`${server.url}/posts/7`)
    expect(await response.json()).toEqual({ id: '7' })
  })
})

describe('CONNECT', () => {
  it('is answered with 501 and a JSON body instead of a dropped connection', async () => {
    const app = new RestApplication()
    app.get('/x', () => 'x')
    const server = await serve(app, { port: 0, handleSignals: false })
    try {
      const raw = await rawRequest(
        server.port,
        'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
      )
      expect(statusOf(raw)).toBe(501)
      expect(JSON.parse(contentOf(raw))).toMatchObject({ error: 'Not Implemented' })
    } finally {
      await server.close()
    }
  })
})
