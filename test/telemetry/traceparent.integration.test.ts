import * as otel from '@opentelemetry/api'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, serve } from '../../src/adapters/node/index.js'
import { RestApplication, respond } from '../../src/index.js'
import { CALLER, eventNames, registerInMemoryTracing, serverSpan } from './support/in-memory-tracing.js'

const exporter = registerInMemoryTracing()
afterEach(() => exporter.reset())

describe('a traced application over a real socket', () => {
  let server: RunningServer
  beforeAll(async () => {
    const notes = new Map([['1', { id: '1', text: 'hello', version: 2 }]])
    const app = new RestApplication({ telemetry: otel })
      .authorized('writer', ({ headers }) =>
        headers.get('authorization') === 'Bearer w' ? { id: 'w' } : null,
      )
      .resourceExists('note', ({ pathParams: { id } }) => (id === undefined ? null : notes.get(id)), {
        etag: ({ note }) => `"${note.version}"`,
      })
    app.get('/notes/{id}', ({ note }) => note)
    app.post('/notes', () => respond({ id: '2' }, { status: 201, headers: { location: '/notes/2' } }), {
      requires: ['writer'],
    })
    server = await serve(app, { port: 0, handleSignals: false })
  })
  afterAll(() => server.close())

  const send = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { traceparent: CALLER.traceparent, ...(init.headers as Record<string, string>) },
    })

  it('makes the span of a 401 a child of the traceparent the client sent', async () => {
    expect((await send('/notes', { method: 'POST' })).status).toBe(401)
    const span = serverSpan(exporter)
    expect(span.name).toBe('POST /notes')
    expect(span.spanContext().traceId).toBe(CALLER.traceId)
    expect(span.parentSpanContext?.spanId).toBe(CALLER.spanId)
    expect(eventNames(span).at(-1)).toBe('B8 Authorized? → false → 401')
  })

  it('records the peer and the Host of a real connection, and a 304 after K13', async () => {
    const response = await send('/notes/1', { headers: { 'if-none-match': '"2"' } })
    expect(response.status).toBe(304)
    const span = serverSpan(exporter)
    expect(span.parentSpanContext?.spanId).toBe(CALLER.spanId)
    expect(span.attributes).toMatchObject({
      'http.route': '/notes/{id}',
      'http.response.status_code': 304,
      'server.address': '127.0.0.1',
      'server.port': server.port,
      'network.protocol.version': '1.1',
    })
    expect(span.attributes['client.address']).toMatch(/127\.0\.0\.1$/)
    expect(eventNames(span).at(-1)).toBe('J18 GET or HEAD? → true → 304')
  })

  it('ends the span of a 201 with the handler node', async () => {
    const response = await send('/notes', { method: 'POST', headers: { authorization: 'Bearer w' } })
    expect(response.status).toBe(201)
    const span = serverSpan(exporter)
    expect(span.parentSpanContext?.spanId).toBe(CALLER.spanId)
    expect(span.attributes['http.response.status_code']).toBe(201)
    expect(eventNames(span).at(-1)).toMatch(/^HANDLER .* → 201$/)
  })
})
