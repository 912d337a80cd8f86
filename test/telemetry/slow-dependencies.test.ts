import * as otel from '@opentelemetry/api'
import { afterEach, describe, expect, it } from 'vitest'
import { NotFound, RestApplication } from '../../src/index.js'
import { createTestClient } from '../../src/testing/index.js'
import { registerInMemoryTracing, serverSpan } from './support/in-memory-tracing.js'

const exporter = registerInMemoryTracing()
afterEach(() => exporter.reset())

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The child spans of requests (the start's are children of `restmachine start`, a root). */
function dependencySpans() {
  return exporter
    .getFinishedSpans()
    .filter((span) => span.kind === otel.SpanKind.INTERNAL && span.parentSpanContext !== undefined)
}

function spanNamed(name: string) {
  const span = exporter.getFinishedSpans().find((candidate) => candidate.name === name)
  if (span === undefined) throw new Error(`no span named ${name}`)
  return span
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
    const children = dependencySpans()
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
    expect(dependencySpans()).toEqual([])
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['restmachine start', 'GET /'])
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
    const [broken, absent] = dependencySpans()
    expect(broken?.name).toBe('dependency broken')
    expect(broken?.status.code).toBe(otel.SpanStatusCode.ERROR)
    expect(broken?.attributes['error.type']).toBe('TypeError')
    expect(absent?.name).toBe('dependency absent')
    expect(absent?.status.code).toBe(otel.SpanStatusCode.UNSET)
  })
})

describe('the start of a traced application', () => {
  it('is a root span with a child for each startup value slower than the threshold', async () => {
    const app = new RestApplication({ telemetry: { api: otel, slowDependencyMs: 10 } })
      .onStartup('config', () => ({ region: 'eu' }))
      .onStartup('db', async ({ config }) => {
        await pause(25)
        return { region: config.region }
      })
    await app.start()
    const start = spanNamed('restmachine start')
    expect(start.parentSpanContext).toBeUndefined()
    expect(start.kind).toBe(otel.SpanKind.INTERNAL)
    const children = dependencySpans()
    expect(children.map((span) => span.name)).toEqual(['startup db'])
    expect(children[0]?.parentSpanContext?.spanId).toBe(start.spanContext().spanId)
    expect(children[0]?.attributes['restmachine.dependency.kind']).toBe('startup')
    await app.stop()
  })

  it('ends with ERROR when a startup value fails, and the start still rejects', async () => {
    const app = new RestApplication({ telemetry: { api: otel, slowDependencyMs: 0 } }).onStartup('db', () => {
      throw new RangeError('no route to database')
    })
    await expect(app.start()).rejects.toThrow('no route to database')
    const start = spanNamed('restmachine start')
    expect(start.status.code).toBe(otel.SpanStatusCode.ERROR)
    expect(start.attributes['error.type']).toBe('RangeError')
    expect(spanNamed('startup db').status.code).toBe(otel.SpanStatusCode.ERROR)
  })
})
