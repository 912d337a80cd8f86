import pino from 'pino'
import { RestApplication } from 'restmachine'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../examples/ops/request-ids-and-logs.js'

type Line = Record<string, unknown>
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('examples/ops/request-ids-and-logs.ts over a real socket', () => {
  const lines: Line[] = []
  const raw: string[] = []
  let server: RunningServer
  let base: string
  beforeAll(async () => {
    const logger = pino(
      {},
      {
        write(chunk: string) {
          raw.push(chunk)
          lines.push(JSON.parse(chunk) as Line)
        },
      },
    )
    server = await serve(createApp(logger), { port: 0, handleSignals: false })
    base = `http://127.0.0.1:${server.port}`
  })
  afterAll(() => server.close())

  const accessLines = () => lines.filter((line) => line.msg === 'request completed')
  const lastAccess = () => accessLines().at(-1)

  it('echoes a trusted proxy’s X-Request-Id and logs it in the access line and the handler’s line', async () => {
    const response = await fetch(`${base}/orders/1`, { headers: { 'x-request-id': 'checkout-1' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-request-id')).toBe('checkout-1')
    expect(await response.json()).toEqual({ id: '1', total: 42, requestId: 'checkout-1' })
    expect(lines.filter((line) => line.requestId === 'checkout-1').map((line) => line.msg)).toEqual([
      'order read',
      'request completed',
    ])
    expect(lastAccess()).toMatchObject({
      method: 'GET',
      route: '/orders/{id}',
      status: 200,
      bytes: Number(response.headers.get('content-length')),
      requestId: 'checkout-1',
    })
    expect(String(lastAccess()?.client)).toMatch(/127\.0\.0\.1|::1/)
  })

  it('generates an id for a request without one, or with one that could inject into logs', async () => {
    const plain = await fetch(`${base}/orders/1`)
    expect(plain.headers.get('x-request-id')).toMatch(UUID)
    const hostile = await fetch(`${base}/orders/1`, { headers: { 'x-request-id': `a"b${'x'.repeat(200)}` } })
    const id = hostile.headers.get('x-request-id')
    expect(id).toMatch(UUID)
    expect(lastAccess()?.requestId).toBe(id)
  })

  it('echoes the id on errors and names the answering node: 404 at G7, 405 at B10', async () => {
    const missing = await fetch(`${base}/orders/2`)
    expect(missing.status).toBe(404)
    expect(lastAccess()).toMatchObject({
      status: 404,
      node: 'G7',
      requestId: missing.headers.get('x-request-id'),
    })
    const refused = await fetch(`${base}/orders/1`, { method: 'DELETE' })
    expect(refused.status).toBe(405)
    expect(lastAccess()).toMatchObject({ status: 405, node: 'B10' })
    expect(refused.headers.get('x-request-id')).toMatch(UUID)
  })

  it('shows a 500’s id in its body and header, and logs the error under the same id', async () => {
    const response = await fetch(`${base}/fail`)
    const body = (await response.json()) as { request_id: string }
    expect(response.status).toBe(500)
    expect(JSON.stringify(body)).not.toContain('database')
    expect(response.headers.get('x-request-id')).toBe(body.request_id)
    const failure = lines.find((line) => line.msg === 'request failed' && line.requestId === body.request_id)
    expect(failure?.err).toMatchObject({ message: 'the database said no' })
    expect(lastAccess()).toMatchObject({ status: 500, node: 'HANDLER', requestId: body.request_id })
  })

  it('redacts credentials and the configured password in every line', async () => {
    const response = await fetch(`${base}/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: 'sid=s3cret-cookie',
        authorization: 'Basic c2VjcmV0',
      },
      body: JSON.stringify({ user: 'ada', password: 'hunter2' }),
    })
    expect(await response.json()).toEqual({ welcome: 'ada' })
    const all = raw.join('')
    for (const secret of ['hunter2', 's3cret-cookie', 'c2VjcmV0']) expect(all).not.toContain(secret)
    const attempt = lines.find((line) => line.msg === 'login attempt')
    expect(attempt?.body).toEqual({ user: 'ada', password: '[Redacted]' })
  })
})

describe('an application without pino, over a real socket', () => {
  it('serves, writes no log line and echoes an id only when one was used', async () => {
    const app = new RestApplication()
    app.get('/hello', () => ({ hello: 'world' }))
    app.get('/who', ({ requestId }) => ({ requestId }))
    const server = await serve(app, { port: 0, handleSignals: false })
    try {
      const hello = await fetch(`http://127.0.0.1:${server.port}/hello`)
      expect([hello.status, hello.headers.get('x-request-id')]).toEqual([200, null])
      const who = await fetch(`http://127.0.0.1:${server.port}/who`)
      const { requestId } = (await who.json()) as { requestId: string }
      expect(requestId).toMatch(UUID)
      expect(who.headers.get('x-request-id')).toBe(requestId)
    } finally {
      await server.close()
    }
  })
})
