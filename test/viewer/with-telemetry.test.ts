import * as otel from '@opentelemetry/api'
import { RestApplication } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'
import type { TraceRecord } from '../../src/viewer/index.js'
import { registerInMemoryTracing, serverSpan } from '../telemetry/support/in-memory-tracing.js'

describe('the trace viewer with telemetry on too', () => {
  it('records the run while telemetry makes its span and the slow dependency’s child span', async () => {
    const exporter = registerInMemoryTracing()
    const app = new RestApplication({ telemetry: { api: otel, slowDependencyMs: 5 } }).resourceExists(
      'order',
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 12))
        return { id: '1' }
      },
    )
    app.get('/orders/{id}', ({ order }) => order)
    app.traceViewer()
    const client = createTestClient(app)
    expect((await client.get('/orders/1')).status).toBe(200)
    const span = serverSpan(exporter)
    expect(span.name).toBe('GET /orders/{id}')
    const child = exporter.getFinishedSpans().find((candidate) => candidate.name === 'resource order')
    expect(child?.parentSpanContext?.spanId).toBe(span.spanContext().spanId)
    const { traces } = (await client.get('/_restmachine/traces.json')).json<{ traces: TraceRecord[] }>()
    expect(traces).toHaveLength(1)
    const lookup = traces[0]?.steps.find((step) => step.node === 'G7')?.dependencies[0]
    expect(lookup).toMatchObject({ name: 'order', kind: 'resource', failed: false })
    expect(lookup?.durationMs).toBeGreaterThanOrEqual(10)
    // The viewer's own page is not a request of the application: no span for it.
    expect(
      exporter.getFinishedSpans().filter((candidate) => candidate.kind === otel.SpanKind.SERVER),
    ).toHaveLength(1)
  })
})
