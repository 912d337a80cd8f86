import { connect } from 'node:http2'
import { RestApplication, respond } from 'restmachine'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { h2Request } from './http2-client.js'

const CONNECTION_FIELDS = { connection: 'close', 'keep-alive': 'timeout=5', 'x-kept': 'yes' }

function buildApp() {
  const app = new RestApplication()
  app.get('/fixed', () => respond({ fixed: true }, { headers: CONNECTION_FIELDS }))
  app.get('/streamed', () =>
    respond(
      (async function* () {
        yield 'one;'
        yield 'two;'
      })(),
      { headers: { ...CONNECTION_FIELDS, 'content-type': 'text/plain' } },
    ),
  )
  app.delete('/gone', () => respond(null, { status: 204, headers: { 'x-kept': 'yes' } }))
  app.get('/late', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50))
    return { late: true }
  })
  return app
}

describe('HTTP/2 responses written by the Node adapter', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await serve(buildApp(), { port: 0, handleSignals: false, http2: true })
  })
  afterAll(() => server.close())

  it('sends content with an exact Content-Length and leaves out connection-specific fields (RFC 9113 §8.2.2)', async () => {
    const response = await h2Request(server.url, '/fixed')
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toEqual({ fixed: true })
    expect(response.headers['content-length']).toBe(String(response.bytes.byteLength))
    expect(response.headers['x-kept']).toBe('yes')
    expect(response.headers.connection).toBeUndefined()
    expect(response.headers['keep-alive']).toBeUndefined()
    expect(response.headers.date).toBeDefined()
  })

  it('leaves out connection-specific fields from a streamed response too', async () => {
    const response = await h2Request(server.url, '/streamed')
    expect(response.status).toBe(200)
    expect(response.body).toBe('one;two;')
    expect(response.headers['x-kept']).toBe('yes')
    expect(response.headers.connection).toBeUndefined()
  })

  it('answers HEAD with the headers a GET would get and no content (RFC 9110 §9.3.2)', async () => {
    const get = await h2Request(server.url, '/fixed')
    const head = await h2Request(server.url, '/fixed', {}, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers['content-length']).toBe(get.headers['content-length'])
    expect(head.bytes.byteLength).toBe(0)
  })

  it('answers 204 with its header fields and neither content nor Content-Length', async () => {
    const response = await h2Request(server.url, '/gone', {}, { method: 'DELETE' })
    expect(response.status).toBe(204)
    expect(response.headers['x-kept']).toBe('yes')
    expect(response.headers['content-length']).toBeUndefined()
    expect(response.bytes.byteLength).toBe(0)
  })

  it('keeps serving the session after the client resets a stream before its answer is ready', async () => {
    const session = connect(server.url)
    try {
      const abandoned = session.request({ ':method': 'GET', ':path': '/late' })
      abandoned.on('error', () => {})
      await new Promise((resolve) => setTimeout(resolve, 10))
      abandoned.close()
      await new Promise((resolve) => setTimeout(resolve, 100))
      const body = await new Promise<string>((resolve, reject) => {
        const stream = session.request({ ':method': 'GET', ':path': '/late' })
        const chunks: Buffer[] = []
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', () => resolve(Buffer.concat(chunks).toString()))
        stream.on('error', reject)
        stream.end()
      })
      expect(JSON.parse(body)).toEqual({ late: true })
    } finally {
      session.close()
    }
  })
})
