import * as otel from '@opentelemetry/api'
import { afterEach, describe, expect, it } from 'vitest'
import { NotFound, RestApplication } from '../../src/index.js'
import { createTestClient } from '../../src/testing/index.js'
import { registerInMemoryTracing, serverSpan } from './support/in-memory-tracing.js'

const exporter = registerInMemoryTracing()
afterEach(() => exporter.reset())

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function internalSpans() {
  return exporter.getFinishedSpans().filter((span) => span.kind === otel.SpanKind.INTERNAL)
}

describe('dependencies slower than the threshold', () => {
  it('become child spans of the request span, with their own start and end', async () => {
    const app = new RestApplication({ telemetry: { api: otel, slowDependencyMs: 10 } })
      .dependency('fast', () => 1)
      .resourceExists('report', async ({ fast }) => {
        await pause(30)
        return { fast }
      })
    app.get('/reports/{id}', ({ report }) => report)
    expect((await createTestClient(app).get('/reports/1')).status).toBe(200)
    const request = serverSpan(exporter)
    const children = internalSpans()
    expect(children.map((span) => span.name)).toEqual(['resource report'])
    const [child] = children
    expect(child?.parentSpanContext?.spanId).toBe(request.spanContext().spanId)
    expect(child?.spanContext().traceId).toBe(request.spanContext().traceId)
    expect(child?.attributes).toMatchObject({
      'restmachine.dependency.name': 'report',
      'restmachine.dependency.kind': 'resource',
    })
    const durationMs = (child?.duration[0] ?? 0) * 1000 + (child?.duration[1] ?? 0) / 1e6
    expect(durationMs).toBeGreaterThanOrEqual(25)
  })

  it('leave no span when faster than the threshold', async () => {
    const app = new RestApplication({ telemetry: { api: otel, slowDependencyMs: 1000 } }).dependency(
      'quick',
      async () => 'done',
    )
    app.get('/', ({ quick }) => quick)
    expect((await createTestClient(app).get('/')).status).toBe(200)
    expect(internalSpans()).toEqual([])
    expect(exporter.getFinishedSpans()).toHaveLength(1)
  })

  it('carry ERROR for a failure, and not for a 404 a resource threw', async () => {
    const logged: string[] = []
    const logger = { error: (message: string) => void logged.push(message) }
    const app = new RestApplication({ telemetry: { api: otel, slowDependencyMs: 0 }, logger })
      .dependency('broken', async () => {
        throw new TypeError('no database')
      })
      .dependency('absent', () => {
        throw new NotFound('no such thing')
      })
    app.get('/broken', ({ broken }) => broken)
    app.get('/absent', ({ absent }) => absent)
    const client = createTestClient(app)
    expect((await client.get('/broken')).status).toBe(500)
    expect(logged).toHaveLength(1)
    expect((await client.get('/absent')).status).toBe(404)
    const [broken, absent] = internalSpans()
    expect(broken?.name).toBe('dependency broken')
    expect(broken?.status.code).toBe(otel.SpanStatusCode.ERROR)
    expect(broken?.attributes['error.type']).toBe('TypeError')
    expect(absent?.name).toBe('dependency absent')
    expect(absent?.status.code).toBe(otel.SpanStatusCode.UNSET)
  })
})
