import { request as httpsRequest } from 'node:https'
import { RestApplication } from 'restmachine'
import { clientCertificateOf, type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { h2Request } from './http2-client.js'
import { generateCertificates } from './tls-certificates.js'

const certs = generateCertificates()

function buildApp() {
  const app = new RestApplication()
  app.get('/hello', ({ request }) => ({
    hello: 'world',
    secure: request.secure,
    host: request.headers.get('host'),
  }))
  app.post('/echo', ({ jsonBody }) => jsonBody)
  app.get('/stream', () =>
    (async function* () {
      for (let i = 0; i < 3; i++) yield `part ${i};`
    })(),
  )
  app.get('/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300))
    return { slow: true }
  })
  app.get('/whoami', ({ request }) => {
    const cert = clientCertificateOf(request)
    return cert === undefined
      ? { certificate: null }
      : {
          subject: cert.subject,
          issuer: cert.issuer,
          authorized: cert.authorized,
          hasPem: cert.pem?.startsWith('-----BEGIN'),
        }
  })
  return app
}

function https1(url: string, path: string, options: Record<string, unknown> = {}) {
  return new Promise<{ status: number; version: string; body: string }>((resolve, reject) => {
    const request = httpsRequest(`${url}${path}`, { ca: certs.ca, ...options }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          version: res.httpVersion,
          body: Buffer.concat(chunks).toString(),
        }),
      )
    })
    request.on('error', reject)
    request.end()
  })
}

describe('serve() with TLS and HTTP/2', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await serve(buildApp(), {
      port: 0,
      handleSignals: false,
      tls: { key: certs.serverKey, cert: certs.serverCert },
    })
  })
  afterAll(() => server.close())

  it('negotiates h2 by ALPN and serves over HTTPS with a certificate the test generated', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const response = await h2Request(server.url, '/hello', { ca: certs.ca })
    expect(response.alpn).toBe('h2')
    expect(response.status).toBe(200)
    // RFC 9113 §8.3.1: :authority stands in for Host.
    expect(JSON.parse(response.body)).toEqual({
      hello: 'world',
      secure: true,
      host: `127.0.0.1:${server.port}`,
    })
    expect(response.headers['content-length']).toBe(String(Buffer.byteLength(response.body)))
  })

  it('falls back to HTTP/1.1 for clients that do not offer h2', async () => {
    const response = await https1(server.url, '/hello')
    expect(response.version).toBe('1.1')
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toMatchObject({ hello: 'world', secure: true })
  })

  it('reads request bodies and streams async-iterable responses over HTTP/2', async () => {
    const echoed = await h2Request(
      server.url,
      '/echo',
      { ca: certs.ca },
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":[1,2]}' },
    )
    expect(JSON.parse(echoed.body)).toEqual({ a: [1, 2] })
    const streamed = await h2Request(server.url, '/stream', { ca: certs.ca })
    expect(streamed.body).toBe('part 0;part 1;part 2;')
  })

  it('answers HEAD over HTTP/2 with the GET Content-Length and no content', async () => {
    const head = await h2Request(server.url, '/hello', { ca: certs.ca }, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0)
    expect(head.body).toBe('')
  })
})

describe('serve() with client certificates (mutual TLS)', () => {
  const tls = { key: certs.serverKey, cert: certs.serverCert, ca: certs.ca, requestCert: true }

  it('exposes a verified client certificate to the app', async () => {
    const server = await serve(buildApp(), { port: 0, handleSignals: false, tls })
    try {
      const h2 = await h2Request(server.url, '/whoami', {
        ca: certs.ca,
        key: certs.clientKey,
        cert: certs.clientCert,
      })
      expect(JSON.parse(h2.body)).toEqual({
        subject: 'CN=alice, O=RestMachine Tests',
        issuer: 'CN=RestMachine Test CA',
        authorized: true,
        hasPem: true,
      })
      const h1 = await https1(server.url, '/whoami', { key: certs.clientKey, cert: certs.clientCert })
      expect(JSON.parse(h1.body)).toMatchObject({
        subject: 'CN=alice, O=RestMachine Tests',
        authorized: true,
      })
    } finally {
      await server.close()
    }
  })

  it('refuses the handshake for an untrusted certificate by default', async () => {
    const server = await serve(buildApp(), { port: 0, handleSignals: false, tls })
    try {
      await expect(
        https1(server.url, '/whoami', { key: certs.strangerKey, cert: certs.strangerCert }),
      ).rejects.toThrow()
    } finally {
      await server.close()
    }
  })

  it('lets the app decide with rejectUnauthorized: false, showing who failed verification', async () => {
    const server = await serve(buildApp(), {
      port: 0,
      handleSignals: false,
      tls: { ...tls, rejectUnauthorized: false },
    })
    try {
      const stranger = await https1(server.url, '/whoami', {
        key: certs.strangerKey,
        cert: certs.strangerCert,
      })
      expect(JSON.parse(stranger.body)).toMatchObject({ subject: 'CN=mallory', authorized: false })
      const anonymous = await https1(server.url, '/whoami')
      expect(JSON.parse(anonymous.body)).toEqual({ certificate: null })
    } finally {
      await server.close()
    }
  })
})

describe('serve() HTTP/2 shutdown and cleartext', () => {
  it('lets an in-flight HTTP/2 request finish on close, then refuses new sessions', async () => {
    const server = await serve(buildApp(), {
      port: 0,
      handleSignals: false,
      tls: { key: certs.serverKey, cert: certs.serverCert },
    })
    const inFlight = h2Request(server.url, '/slow', { ca: certs.ca })
    await new Promise((resolve) => setTimeout(resolve, 50))
    await server.close()
    const response = await inFlight
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toEqual({ slow: true })
    await expect(h2Request(server.url, '/hello', { ca: certs.ca })).rejects.toThrow()
  })

  it('speaks cleartext HTTP/2 with prior knowledge when asked without TLS', async () => {
    const server = await serve(buildApp(), { port: 0, handleSignals: false, http2: true })
    try {
      expect(server.url).toMatch(/^http:/)
      const response = await h2Request(server.url, '/hello')
      expect(JSON.parse(response.body)).toMatchObject({ hello: 'world', secure: false })
    } finally {
      await server.close()
    }
  })
})
