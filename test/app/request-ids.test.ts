import { ConfigurationError, RestApplication, type RestApplicationOptions } from 'restmachine'
import { toLambdaHandler } from 'restmachine/lambda'
import { createTestClient, throughLambda } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

function appWith(options: RestApplicationOptions = {}) {
  const logged: { message: string; details: Record<string, unknown> }[] = []
  const app = new RestApplication({
    logger: { error: (message, details) => logged.push({ message, details }) },
    ...options,
  })
  app.get('/id', ({ requestId }) => ({ requestId }))
  app.get('/plain', () => ({ ok: true }))
  app.get('/boom', () => {
    throw new Error('secret internals')
  })
  return { client: createTestClient(app), logged, app }
}

describe('the requestId built-in', () => {
  it('is a fresh UUID per request, echoed in X-Request-Id', async () => {
    const { client } = appWith()
    const first = await client.get('/id')
    const second = await client.get('/id')
    expect(first.json<{ requestId: string }>().requestId).toMatch(UUID)
    expect(first.headers.get('x-request-id')).toBe(first.json<{ requestId: string }>().requestId)
    expect(second.json<{ requestId: string }>().requestId).not.toBe(
      first.json<{ requestId: string }>().requestId,
    )
  })

  it('ignores an incoming X-Request-Id unless the application trusts it', async () => {
    const { client } = appWith()
    const response = await client.get('/id', { headers: { 'x-request-id': 'from-the-client' } })
    expect(response.json<{ requestId: string }>().requestId).toMatch(UUID)
  })

  it('takes an incoming X-Request-Id with trustRequestId and echoes it on every response', async () => {
    const { client } = appWith({ trustRequestId: true })
    const injected = await client.get('/id', { headers: { 'x-request-id': 'upstream-42' } })
    expect(injected.json()).toEqual({ requestId: 'upstream-42' })
    expect(injected.headers.get('x-request-id')).toBe('upstream-42')
    const missing = await client.get('/nowhere', { headers: { 'x-request-id': 'upstream-43' } })
    expect([missing.status, missing.headers.get('x-request-id')]).toEqual([404, 'upstream-43'])
    const untouched = await client.get('/plain')
    expect(untouched.headers.get('x-request-id')).toMatch(UUID)
  })

  it('replaces a trusted id that is too long or carries other characters with a UUID', async () => {
    const { client } = appWith({ trustRequestId: true })
    for (const hostile of ['a'.repeat(129), 'x"}\\n{"level":60', 'id with spaces']) {
      const response = await client.get('/id', { headers: { 'x-request-id': hostile } })
      expect(response.json<{ requestId: string }>().requestId, hostile).toMatch(UUID)
      expect(response.headers.get('x-request-id')).toMatch(UUID)
    }
  })

  it('asks a trustRequestId function, and reads a configured header', async () => {
    const { client } = appWith({
      requestIdHeader: 'X-Correlation-Id',
      trustRequestId: (id) => id.startsWith('edge-'),
    })
    const trusted = await client.get('/id', { headers: { 'x-correlation-id': 'edge-9' } })
    expect(trusted.json()).toEqual({ requestId: 'edge-9' })
    expect(trusted.headers.get('x-correlation-id')).toBe('edge-9')
    expect(trusted.headers.get('x-request-id')).toBeNull()
    const refused = await client.get('/id', { headers: { 'x-correlation-id': 'client-9' } })
    expect(refused.json<{ requestId: string }>().requestId).toMatch(UUID)
  })

  it('is the id of a 500: in its body, its header and its log line', async () => {
    const { client, logged } = appWith({ trustRequestId: true })
    const response = await client.get('/boom', { headers: { 'x-request-id': 'trace-500' } })
    expect(response.status).toBe(500)
    expect(response.json()).toMatchObject({ request_id: 'trace-500' })
    expect(response.text).not.toContain('secret internals')
    expect(response.headers.get('x-request-id')).toBe('trace-500')
    expect(logged).toHaveLength(1)
    expect(logged[0]?.message).toBe('request trace-500 failed: GET /boom')
    expect(logged[0]?.details.requestId).toBe('trace-500')
  })

  it('is echoed on a 500 even when nothing else asked for it', async () => {
    const { client } = appWith()
    const response = await client.get('/boom')
    expect(response.headers.get('x-request-id')).toBe(response.json<{ request_id: string }>().request_id)
  })

  it('costs nothing when nothing reads it: no id is made, none is echoed', async () => {
    const { client } = appWith()
    expect((await client.get('/plain')).headers.get('x-request-id')).toBeNull()
  })

  it('is echoed on every response with echoRequestId, and never with echoRequestId: false', async () => {
    const always = appWith({ echoRequestId: true }).client
    expect((await always.get('/plain')).headers.get('x-request-id')).toMatch(UUID)
    expect((await always.get('/nowhere')).headers.get('x-request-id')).toMatch(UUID)
    const never = appWith({ echoRequestId: false }).client
    const response = await never.get('/boom')
    expect(response.headers.get('x-request-id')).toBeNull()
    expect(response.json<{ request_id: string }>().request_id).toMatch(UUID)
  })

  it('is the platform request id on Lambda, echoed on every response', async () => {
    const { app } = appWith()
    const client = createTestClient(
      throughLambda(toLambdaHandler(app, { stopOnSigterm: false }), 'api-gateway-v2'),
    )
    const injected = await client.get('/id')
    const id = injected.json<{ requestId: string }>().requestId
    expect(id).toMatch(/^test-/)
    expect(injected.headers.get('x-request-id')).toBe(id)
    const plain = await client.get('/plain')
    expect(plain.headers.get('x-request-id')).toMatch(/^test-/)
  })

  it('refuses a requestIdHeader that is not a field name at start', async () => {
    const app = new RestApplication({ requestIdHeader: 'x request id' })
    await expect(app.start()).rejects.toThrow(ConfigurationError)
  })
})
