import * as otel from '@opentelemetry/api'
import { afterEach, describe, expect, it } from 'vitest'
import { RestApplication, respond } from '../../src/index.js'
import type { TelemetryApi } from '../../src/telemetry/index.js'
import { createTestClient } from '../../src/testing/index.js'
import { CALLER, eventNames, registerInMemoryTracing, serverSpan } from './support/in-memory-tracing.js'

const exporter = registerInMemoryTracing()
afterEach(() => exporter.reset())

// The module itself is the option: the structural TelemetryApi accepts it as it is.
const api: TelemetryApi = otel

const logged: string[] = []
const logger = { error: (message: string) => void logged.push(message) }

function usersApp() {
  const users = new Map([['7', { id: '7', name: 'Ada', version: 3 }]])
  const app = new RestApplication({ telemetry: api, logger })
    .authorized('caller', ({ headers }) =>
      headers.get('authorization') === 'Bearer ok' ? { id: 'me' } : null,
    )
    .resourceExists('user', ({ pathParams: { id } }) => (id === undefined ? null : users.get(id)), {
      etag: ({ user }) => `"v${user.version}"`,
    })
  app.get('/users/{id}', ({ user }) => user, { requires: ['caller'] })
  app.post('/users', ({ caller }) =>
    respond({ id: '8', by: caller.id }, { status: 201, headers: { location: '/users/8' } }),
  )
  app.get('/boom', () => {
    throw new Error('disk on fire')
  })
  return app
}

const signedIn = { authorization: 'Bearer ok' }

describe('a request traced with OpenTelemetry', () => {
  it('is a SERVER span named by method and route template, child of the caller in traceparent, for a 401', async () => {
    const response = await createTestClient(usersApp()).get('/users/7', {
      headers: { traceparent: CALLER.traceparent, 'user-agent': 'probe/1' },
    })
    expect(response.status).toBe(401)
    const span = serverSpan(exporter)
    expect(span.name).toBe('GET /users/{id}')
    expect(span.kind).toBe(otel.SpanKind.SERVER)
    expect(span.spanContext().traceId).toBe(CALLER.traceId)
    expect(span.parentSpanContext?.spanId).toBe(CALLER.spanId)
    expect(span.parentSpanContext?.isRemote).toBe(true)
    expect(span.status.code).toBe(otel.SpanStatusCode.UNSET)
    expect(span.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.route': '/users/{id}',
      'http.response.status_code': 401,
      'url.path': '/users/7',
      'url.scheme': 'http',
      'client.address': '127.0.0.1',
      'user_agent.original': 'probe/1',
    })
    expect(eventNames(span).at(-1)).toBe('B8 Authorized? → false → 401')
    expect(eventNames(span)).toContain('B10 Method allowed? → true')
  })

  it('ends a conditional GET that matched its ETag at J18 → true → 304, after K13 → true', async () => {
    const response = await createTestClient(usersApp()).get('/users/7', {
      headers: { ...signedIn, 'if-none-match': '"v3"', traceparent: CALLER.traceparent },
    })
    expect(response.status).toBe(304)
    const span = serverSpan(exporter)
    expect(span.name).toBe('GET /users/{id}')
    expect(span.parentSpanContext?.spanId).toBe(CALLER.spanId)
    expect(span.attributes['http.response.status_code']).toBe(304)
    expect(span.status.code).toBe(otel.SpanStatusCode.UNSET)
    expect(eventNames(span)).toContain('B8 Authorized? → true')
    expect(eventNames(span)).toContain('G7 Resource exists? → true')
    expect(eventNames(span)).toContain('K13 If-None-Match matches? → true')
    // RFC 9110 §13.1.2: a matching If-None-Match is a 304 for GET and HEAD only.
    expect(eventNames(span).at(-1)).toBe('J18 GET or HEAD? → true → 304')
  })

  it('records a POST that created a resource as a 201 with the handler node last', async () => {
    const response = await createTestClient(usersApp()).post('/users', {
      headers: { ...signedIn, traceparent: CALLER.traceparent },
    })
    expect(response.status).toBe(201)
    const span = serverSpan(exporter)
    expect(span.name).toBe('POST /users')
    expect(span.parentSpanContext?.spanId).toBe(CALLER.spanId)
    expect(span.attributes['http.response.status_code']).toBe(201)
    expect(span.status.code).toBe(otel.SpanStatusCode.UNSET)
    expect(eventNames(span).at(-1)).toMatch(/^HANDLER .* → (true|false) → 201$/)
    for (const event of span.events) expect(event.attributes?.['restmachine.node']).toBeTypeOf('string')
  })

  it('marks a 5xx as an error and the node that threw as threw', async () => {
    const response = await createTestClient(usersApp()).get('/boom')
    expect(response.status).toBe(500)
    const span = serverSpan(exporter)
    expect(span.status.code).toBe(otel.SpanStatusCode.ERROR)
    expect(span.attributes['error.type']).toBe('500')
    expect(eventNames(span).at(-1)).toMatch(/^HANDLER .* → threw → 500$/)
    expect(logged.at(-1)).toMatch(/failed: GET \/boom/)
  })

  it('starts a new trace when the request carries no traceparent', async () => {
    await createTestClient(usersApp()).get('/users/7', { headers: signedIn })
    const span = serverSpan(exporter)
    expect(span.parentSpanContext).toBeUndefined()
    expect(span.spanContext().traceId).not.toBe(CALLER.traceId)
  })

  it('names a span by its method alone when no route matched', async () => {
    const response = await createTestClient(usersApp()).get('/nowhere')
    expect(response.status).toBe(404)
    const span = serverSpan(exporter)
    expect(span.name).toBe('GET')
    expect(span.attributes['http.route']).toBeUndefined()
    expect(eventNames(span).at(-1)).toMatch(/^PATH .* → 404$/)
  })

  it('records an unknown method as _OTHER, keeping the original', async () => {
    const response = await createTestClient(usersApp()).request('BREW', '/users/7')
    expect(response.status).toBe(501)
    const span = serverSpan(exporter)
    expect(span.name).toBe('HTTP')
    expect(span.attributes).toMatchObject({
      'http.request.method': '_OTHER',
      'http.request.method_original': 'BREW',
    })
  })

  it('reads server.address and server.port from Host', async () => {
    await createTestClient(usersApp()).get('/users/7', { headers: { host: 'api.example.com:8443' } })
    expect(serverSpan(exporter).attributes).toMatchObject({
      'server.address': 'api.example.com',
      'server.port': 8443,
    })
  })

  it('does not add X-Restmachine-Trace unless the trace option asks for it', async () => {
    const traced = await createTestClient(usersApp()).get('/users/7', { headers: signedIn })
    expect(traced.headers.get('x-restmachine-trace')).toBeNull()
    const app = new RestApplication({ telemetry: api, trace: true })
    app.get('/', () => 'hi')
    const both = await createTestClient(app).get('/')
    expect(both.headers.get('x-restmachine-trace')).toBe('MESSAGE,B12,B11,ROUTE,B10,HANDLER')
  })
})
