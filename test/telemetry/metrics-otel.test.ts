import * as otel from '@opentelemetry/api'
import { afterAll, describe, expect, it } from 'vitest'
import {
  ConfigurationError,
  metricsEndpoint,
  NotFound,
  RestApplication,
  TooManyRequests,
} from '../../src/index.js'
import type { MetricsApi } from '../../src/telemetry/index.js'
import { createTestClient } from '../../src/testing/index.js'
import { defined } from '../support/defined.js'
import { histogramPoints, registerInMemoryMetrics, sumPoints } from './support/in-memory-metrics.js'
import { registerInMemoryTracing, serverSpan } from './support/in-memory-tracing.js'

const metrics = registerInMemoryMetrics()
afterAll(() => metrics.shutdown())

// The module itself is the option: the structural MetricsApi accepts it as it is.
const api: MetricsApi = otel
const logger = { error: () => undefined }

function ordersApp(options: { telemetry?: typeof otel } = {}) {
  const orders = new Map([['1', { id: '1', version: 4 }]])
  const app = new RestApplication({ metrics: api, logger, ...options })
    .authorized('clerk', ({ headers }) => {
      const authorization = headers.get('authorization')
      if (authorization === 'Bearer flood') throw new TooManyRequests('slow down', { retryAfter: 1 })
      return authorization === 'Bearer clerk' ? { id: 'c1' } : null
    })
    .resourceExists('order', ({ pathParams: { id } }) => (id === undefined ? null : orders.get(id)), {
      etag: ({ order }) => `"${order.version}"`,
    })
  app.get('/orders/{id}', ({ order }) => order)
  app.post('/orders', () => ({ id: '2' }), { requires: ['clerk'] })
  app.get('/archive/{id}', () => {
    throw new NotFound('archived orders are gone')
  })
  app.get('/boom', () => {
    throw new Error('disk on fire')
  })
  return app
}

describe('request metrics through OpenTelemetry’s meter', () => {
  it('records http.server.request.duration in seconds with the conventions’ buckets, per route template, not per path', async () => {
    const client = createTestClient(ordersApp())
    for (const path of ['/orders/1', '/orders/1', '/orders/7']) await client.get(path)
    const collected = await metrics.collect()
    const duration = defined(collected.get('http.server.request.duration'), 'the duration histogram')
    expect(duration.descriptor).toMatchObject({ unit: 's', description: 'Duration of HTTP server requests.' })
    const points = histogramPoints(duration)
    const ok = defined(
      points.find((p) => p.attributes['http.response.status_code'] === 200),
      'the 200 data point',
    )
    expect(ok.attributes).toEqual({
      'http.request.method': 'GET',
      'url.scheme': 'http',
      'http.route': '/orders/{id}',
      'http.response.status_code': 200,
    })
    expect(ok.value.count).toBe(2)
    expect(ok.value.buckets.boundaries).toEqual([
      0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
    ])
    expect(ok.value.sum).toBeGreaterThan(0)
    expect(ok.value.sum).toBeLessThan(5) // seconds, not milliseconds
    const paths = points.map((p) => p.attributes['http.route'])
    expect(paths).not.toContain('/orders/1')
    expect(paths).not.toContain('/orders/7')
  })

  it('counts the machine’s own answers by status and deciding node, and not the statuses a handler chose', async () => {
    const app = ordersApp()
    const client = createTestClient(app)
    await client.get('/nowhere') // 404, no route: PATH
    await client.post('/orders', { body: '{}' }) // 401 at B8
    await client.post('/orders', { headers: { authorization: 'Bearer flood' }, body: '{}' }) // 429 thrown at B8
    await client.get('/orders/1', { headers: { 'if-none-match': '"4"' } }) // 304 at J18 (K13 matched, a GET)
    await client.get('/orders/7') // 404 at G7
    await client.get('/archive/1') // 404 thrown by the handler: not the machine's
    await client.get('/boom') // 500 from the handler: not the machine's
    const collected = await metrics.collect()
    const answers = sumPoints(collected.get('restmachine.machine.answers'))
    expect(answers).toEqual(
      expect.arrayContaining([
        [{ 'http.response.status_code': 404, 'restmachine.node': 'PATH' }, 1],
        [{ 'http.response.status_code': 401, 'restmachine.node': 'B8', 'http.route': '/orders' }, 1],
        [{ 'http.response.status_code': 429, 'restmachine.node': 'B8', 'http.route': '/orders' }, 1],
        [{ 'http.response.status_code': 304, 'restmachine.node': 'J18', 'http.route': '/orders/{id}' }, 1],
        [{ 'http.response.status_code': 404, 'restmachine.node': 'G7', 'http.route': '/orders/{id}' }, 2],
      ]),
    )
    const routes = answers.map(([attributes]) => attributes['http.route'])
    expect(routes).not.toContain('/archive/{id}')
    expect(routes).not.toContain('/boom')
    const points = histogramPoints(collected.get('http.server.request.duration'))
    const failed = defined(
      points.find((p) => p.attributes['http.route'] === '/boom'),
      'the 500 data point',
    )
    // A 5xx is the one status the conventions call a server error: error.type is its code.
    expect(failed.attributes).toMatchObject({ 'http.response.status_code': 500, 'error.type': '500' })
    const thrown = defined(
      points.find((p) => p.attributes['http.route'] === '/archive/{id}'),
      'the handler’s 404',
    )
    expect(thrown.attributes['error.type']).toBeUndefined()
    const unmatched = defined(
      points.find(
        (p) => p.attributes['http.response.status_code'] === 404 && !('http.route' in p.attributes),
      ),
      'the unmatched 404, without http.route',
    )
    expect(unmatched.value.count).toBe(1)
  })

  it('records metrics and the span of the same request when telemetry is on too', async () => {
    const spans = registerInMemoryTracing()
    const before = histogramPoints((await metrics.collect()).get('http.server.request.duration'))
    const countOf = (points: typeof before) =>
      points.find(
        (p) => p.attributes['http.route'] === '/orders' && p.attributes['http.response.status_code'] === 401,
      )?.value.count ?? 0
    await createTestClient(ordersApp({ telemetry: otel })).post('/orders', { body: '{}' })
    const after = histogramPoints((await metrics.collect()).get('http.server.request.duration'))
    expect(countOf(after)).toBe(countOf(before) + 1)
    expect(serverSpan(spans).name).toBe('POST /orders')
  })
})

describe('an application without the metrics option', () => {
  it('keeps no registry, and metricsEndpoint refuses it at registration', () => {
    const app = new RestApplication()
    expect(app.metrics).toBeUndefined()
    expect(() => metricsEndpoint(app)).toThrow(ConfigurationError)
    expect(() => metricsEndpoint(new RestApplication({ metrics: otel }))).toThrow(/metrics: true/)
  })
})
