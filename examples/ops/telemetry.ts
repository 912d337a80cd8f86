// OpenTelemetry traces of the decision path (docs/telemetry.md): a SERVER span per request, child of
// the caller's traceparent, with the decision nodes it walked as events and a child span for a slow
// dependency. Run it: `npx tsx examples/ops/telemetry.ts` prints the spans of three requests (a 401,
// a 304 and a 201) with the SDK's ConsoleSpanExporter; `--serve` keeps it listening on PORT (8000).
import { pathToFileURL } from 'node:url'
import * as otel from '@opentelemetry/api'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { BasicTracerProvider, ConsoleSpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { RestApplication, respond } from 'restmachine'
import { serve } from 'restmachine/node'

/** What an application does once at boot (NodeSDK from @opentelemetry/sdk-node does the same and more). */
export function registerConsoleTracing(): void {
  const provider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())],
  })
  otel.trace.setGlobalTracerProvider(provider)
  otel.propagation.setGlobalPropagator(new W3CTraceContextPropagator())
}

const orders = new Map([['1', { id: '1', item: 'tea', version: 4 }]])

export const app = new RestApplication({ telemetry: { api: otel, slowDependencyMs: 5 } })
  .authorized('clerk', ({ headers }) =>
    headers.get('authorization') === 'Bearer clerk' ? { id: 'c1' } : null,
  )
  .resourceExists(
    'order',
    async ({ pathParams: { id } }) => {
      await new Promise((resolve) => setTimeout(resolve, 12)) // a slow lookup: it gets its own span
      return id === undefined ? null : orders.get(id)
    },
    { etag: ({ order }) => `"${order.version}"` },
  )

app.get('/orders/{id}', ({ order }) => order)
app.post('/orders', () => respond({ id: '2' }, { status: 201, headers: { location: '/orders/2' } }), {
  requires: ['clerk'],
})

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  registerConsoleTracing()
  const keepServing = process.argv.includes('--serve')
  const server = await serve(app, { port: keepServing ? Number(process.env.PORT ?? 8000) : 0 })
  if (!keepServing) {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
    await fetch(`${server.url}/orders`, { method: 'POST', headers: { traceparent } }) // 401
    await fetch(`${server.url}/orders/1`, { headers: { traceparent, 'if-none-match': '"4"' } }) // 304
    await fetch(`${server.url}/orders`, {
      method: 'POST',
      headers: { traceparent, authorization: 'Bearer clerk' },
    }) // 201
    await server.close()
  }
}
