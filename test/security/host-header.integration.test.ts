import { RestApplication } from 'restmachine'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { h2Request } from '../adapters/http2-client.js'
import { contentOf, rawRequest, statusOf } from '../support/http.js'

function buildApp() {
  const app = new RestApplication({ logger: { error: () => {} } })
  app.get('/', ({ request }) => ({ root: request.path }))
  app.get('/documents', ({ request }) => ({ host: request.headers.get('host'), url: request.url.href }))
  app.get('/documents/{id}', ({ id, request }) => ({ id, query: request.rawQuery }))
  return app
}

/** Sends one raw request head (one connection, closed after) and returns the status and JSON content. */
async function send(port: number, head: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const answer = await rawRequest(port, `${head}\r\nConnection: close\r\n\r\n`)
  const content = Buffer.from(contentOf(answer), 'latin1').toString('utf8')
  return { status: statusOf(answer), json: JSON.parse(content) as Record<string, unknown> }
}

describe('the Host header over a real socket (RFC 9112 §3.2)', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await serve(buildApp(), { port: 0, handleSignals: false })
  })
  afterAll(() => server.close())

  it('answers 400 when the Host header is repeated', async () => {
    const { status, json } = await send(server.port, 'GET /documents HTTP/1.1\r\nHost: a\r\nHost: b')
    expect(status).toBe(400)
    expect(json).toEqual({
      error: 'Bad Request',
      message: 'The request has more than one Host header field (RFC 9112 §3.2)',
    })
  })

  it('answers 400 when the Host header is repeated with the same value', async () => {
    expect((await send(server.port, 'GET /documents HTTP/1.1\r\nHost: a\r\nhost: a')).status).toBe(400)
  })

  it('answers 400 for a Host value that is not uri-host [ ":" port ]', async () => {
    for (const host of [
      'a b',
      'evil/../x',
      'user@example.com',
      'a,b',
      'example.com:80x',
      '[::1',
      'a?b',
      'a#b',
    ]) {
      const { status, json } = await send(server.port, `GET /documents HTTP/1.1\r\nHost: ${host}`)
      expect(status, host).toBe(400)
      expect(json.message, host).toBe('The Host header field is invalid (RFC 9112 §3.2)')
    }
  })

  it('answers 400 for an HTTP/1.1 request without Host, with a JSON error', async () => {
    const { status, json } = await send(server.port, 'GET /documents HTTP/1.1\r\nAccept: */*')
    expect(status).toBe(400)
    expect(json.message).toBe('The request has no Host header field (RFC 9112 §3.2)')
  })

  it('serves an HTTP/1.0 request without Host, which that version did not require', async () => {
    expect((await send(server.port, 'GET /documents HTTP/1.0')).status).toBe(200)
  })

  it('serves the Host forms RFC 3986 allows: names, IPv4, IPv6, ports, percent-encoding, empty', async () => {
    for (const host of [
      'example.com',
      'example.com:8080',
      '127.0.0.1:80',
      '[::1]:8000',
      '[v1.fe]',
      'ex%41mple',
      '',
    ]) {
      const { status, json } = await send(server.port, `GET /documents HTTP/1.1\r\nHost: ${host}`)
      expect(status, host).toBe(200)
      expect(json.host, host).toBe(host)
    }
  })
})

describe('a request target in absolute form (RFC 9112 §3.2.2)', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await serve(buildApp(), { port: 0, handleSignals: false })
  })
  afterAll(() => server.close())

  it('is routed on its path, and its authority replaces Host', async () => {
    const { status, json } = await send(
      server.port,
      'GET http://example.com/documents HTTP/1.1\r\nHost: other',
    )
    expect(status).toBe(200)
    expect(json).toEqual({ host: 'example.com', url: 'http://example.com/documents' })
  })

  it('keeps the path percent-encoded and the query, with any scheme case', async () => {
    const { status, json } = await send(
      server.port,
      'GET HTTPS://example.com:8443/documents/a%20b?x=1 HTTP/1.1\r\nHost: x',
    )
    expect(status).toBe(200)
    expect(json).toEqual({ id: 'a b', query: 'x=1' })
  })

  it('ignores repeated or invalid Host lines, as the authority overrides them', async () => {
    const { status, json } = await send(
      server.port,
      'GET http://example.com/documents HTTP/1.1\r\nHost: a b\r\nHost: c',
    )
    expect(status).toBe(200)
    expect(json.host).toBe('example.com')
  })

  it('answers 400 for an authority with user information, a bad port or no host (RFC 9110 §4.2.1, §4.2.4)', async () => {
    for (const target of [
      'http://user@example.com/documents',
      'http://example.com:x/documents',
      'http:///documents',
      'http://:80/documents',
    ]) {
      expect((await send(server.port, `GET ${target} HTTP/1.1\r\nHost: x`)).status, target).toBe(400)
    }
  })

  it('serves an empty path as "/" (RFC 9110 §4.2.3)', async () => {
    for (const target of ['http://example.com', 'http://example.com?x']) {
      expect((await send(server.port, `GET ${target} HTTP/1.1\r\nHost: x`)).json, target).toEqual({
        root: '/',
      })
    }
  })

  it('answers 400 for a target that is neither origin-form nor an http(s) absolute-form', async () => {
    for (const target of ['ftp://example.com/documents', '*', 'documents']) {
      const { status, json } = await send(server.port, `GET ${target} HTTP/1.1\r\nHost: x`)
      expect(status, target).toBe(400)
      expect(json.error).toBe('Bad Request') // Node's parser refuses 'documents' itself
    }
  })
})

describe(':authority over HTTP/2 (RFC 9113 §8.3.1)', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await serve(buildApp(), { port: 0, handleSignals: false, http2: true })
  })
  afterAll(() => server.close())

  it('stands for Host', async () => {
    const { status, body } = await h2Request(server.url, '/documents')
    expect(status).toBe(200)
    expect(JSON.parse(body).host).toBe(`127.0.0.1:${server.port}`)
  })

  it('answers 400 when a Host header names another authority', async () => {
    const headers = { ':authority': 'example.com', host: 'evil.example' }
    const response = await h2Request(server.url, '/documents', {}, { headers })
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body).message).toBe(
      'The request has more than one Host header field (RFC 9112 §3.2)',
    )
  })

  it('serves a Host header that agrees with :authority', async () => {
    const headers = { ':authority': 'example.com', host: 'EXAMPLE.com' }
    const response = await h2Request(server.url, '/documents', {}, { headers })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body).host).toBe('example.com')
  })

  it('never lets an invalid Host through: nghttp2 resets the stream itself', async () => {
    // Node's client sends a lone `host` header as is, without :authority.
    await expect(h2Request(server.url, '/documents', {}, { headers: { host: 'evil/../x' } })).rejects.toThrow(
      /PROTOCOL_ERROR/,
    )
  })
})
