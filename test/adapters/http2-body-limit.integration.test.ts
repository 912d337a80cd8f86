import { type ClientHttp2Session, connect, constants } from 'node:http2'
import { RestApplication } from 'restmachine'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateCertificates } from './tls-certificates.js'

const certs = generateCertificates()
const LIMIT = 1024

interface Answer {
  status: number
  body: string
  /** The RST_STREAM code the stream ended with (0, NO_ERROR, when it ended normally). */
  rstCode: number | undefined
}

/**
 * Sends one request on an open session, writing `body` in chunks as flow control allows, and
 * resolves once the stream is closed. A reset from the server (RFC 9113 §8.1: the response is
 * complete, stop sending) makes the client stop writing; a half-read stream never resolves.
 */
function send(
  session: ClientHttp2Session,
  path: string,
  body: Buffer,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      ':method': 'POST',
      ':path': path,
      'content-type': 'application/json',
      ...headers,
    })
    let status = 0
    const chunks: Buffer[] = []
    stream.on('response', (received) => {
      status = Number(received[':status'])
    })
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('error', reject)
    stream.on('aborted', () => stream.destroy())
    stream.on('close', () =>
      resolve({ status, body: Buffer.concat(chunks).toString('utf8'), rstCode: stream.rstCode }),
    )
    const step = 16 * 1024
    let offset = 0
    const writeMore = (): void => {
      while (offset < body.length && !stream.destroyed) {
        const part = body.subarray(offset, offset + step)
        offset += step
        if (!stream.write(part)) {
          stream.once('drain', writeMore)
          return
        }
      }
      if (!stream.destroyed) stream.end()
    }
    writeMore()
  })
}

describe('an HTTP/2 request body over the limit', () => {
  let server: RunningServer
  let session: ClientHttp2Session
  beforeAll(async () => {
    const app = new RestApplication({ bodyLimit: LIMIT })
    app.post('/echo', ({ jsonBody }) => jsonBody)
    // A short shutdown timeout: a stream left half-read would hold close() for that long.
    server = await serve(app, {
      port: 0,
      handleSignals: false,
      shutdownTimeout: 2000,
      tls: { key: certs.serverKey, cert: certs.serverCert },
    })
    session = connect(server.url, { ca: certs.ca })
  })
  afterAll(async () => {
    session.close()
    await server.close()
  })

  const big = Buffer.from(`{"a":"${'x'.repeat(512 * 1024)}"}`)

  it('is answered 413 with the JSON error when Content-Length declares it, and the session goes on', async () => {
    const answer = await send(session, '/echo', big, { 'content-length': String(big.length) })
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'Content Too Large' })
    expect(answer.rstCode).toBe(constants.NGHTTP2_NO_ERROR)
    const next = await send(session, '/echo', Buffer.from('{"b":1}'))
    expect(next.status).toBe(200)
    expect(JSON.parse(next.body)).toEqual({ b: 1 })
  })

  it('is answered 413 with the JSON error when the length is not declared, and the session goes on', async () => {
    const answer = await send(session, '/echo', big)
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'Content Too Large' })
    expect(answer.rstCode).toBe(constants.NGHTTP2_NO_ERROR)
    const next = await send(session, '/echo', Buffer.from('{"c":2}'))
    expect(next.status).toBe(200)
    expect(JSON.parse(next.body)).toEqual({ c: 2 })
  })

  it('still reads a body under the limit whole', async () => {
    const small = Buffer.from(`{"d":"${'y'.repeat(900)}"}`)
    const answer = await send(session, '/echo', small, { 'content-length': String(small.length) })
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toEqual({ d: 'y'.repeat(900) })
  })

  it('leaves no stream half-read, so the server shuts down without waiting out its timeout', async () => {
    session.close()
    const started = performance.now()
    await server.close()
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
