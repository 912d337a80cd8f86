// The decision-trace viewer (docs/trace-viewer.md): a development page that draws the decision
// diagram and the path each recent request walked, with each node's answer and the dependencies it
// resolved, timed. Run it: `npx tsx examples/ops/trace-viewer.ts` makes a 401, a 304 and a 201 and
// prints the paths the viewer recorded; `--serve` keeps it listening on PORT (8000): open
// http://127.0.0.1:8000/_restmachine and click a request.
import { pathToFileURL } from 'node:url'
import { RestApplication } from 'restmachine'
import { serve } from 'restmachine/node'

interface Order {
  readonly id: string
  readonly item: string
  readonly version: number
}

/** An orders API whose requests walk different branches: 401 at B8, 304 at J18, 201 at P11. */
export function createApp() {
  const orders = new Map<string, Order>([['1', { id: '1', item: 'tea', version: 4 }]])
  // `trace: true` adds X-Restmachine-Trace to every response: the viewer does not need it, the
  // example's test compares the two.
  const app = new RestApplication({ trace: true })
    .authorized('clerk', ({ headers }) =>
      headers.get('authorization') === 'Bearer clerk' ? { id: 'c1' } : null,
    )
    .resourceExists(
      'order',
      async ({ pathParams: { id } }) => {
        await new Promise((resolve) => setTimeout(resolve, 12)) // a slow lookup: its time shows at G7
        return id === undefined ? undefined : orders.get(id)
      },
      { etag: ({ order }) => `"${order.version}"` },
    )
    .dependency('orderInput', ({ jsonBody }) => ({ item: String((jsonBody as { item?: unknown }).item) }))
  app.get('/orders/{id}', ({ order }) => order)
  app.put(
    '/orders/{id}',
    ({ id, order, orderInput }) => {
      const saved = { id, item: orderInput.item, version: (order?.version ?? 0) + 1 }
      orders.set(id, saved)
      return saved
    },
    { creates: 'order', requires: ['clerk'] },
  )
  // Off by default; start() refuses it with NODE_ENV=production unless { force: true }, and only
  // loopback clients see it unless { allowRemote } says otherwise.
  app.traceViewer({ path: '/_restmachine', limit: 50 })
  return app
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const keepServing = process.argv.includes('--serve')
  const server = await serve(createApp(), { port: keepServing ? Number(process.env.PORT ?? 8000) : 0 })
  console.log(`trace viewer: ${server.url}/_restmachine`)
  if (!keepServing) {
    const put = { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"item":"coffee"}' }
    await fetch(`${server.url}/orders/2`, put) // 401: no credentials
    await fetch(`${server.url}/orders/1`, { headers: { 'if-none-match': '"4"' } }) // 304
    await fetch(`${server.url}/orders/2`, {
      ...put,
      headers: { ...put.headers, authorization: 'Bearer clerk' },
    }) // 201
    const { traces } = (await (await fetch(`${server.url}/_restmachine/traces.json`)).json()) as {
      traces: {
        method: string
        path: string
        status: number
        steps: { node: string; answer: boolean | null }[]
      }[]
    }
    for (const trace of traces.reverse()) {
      const path = trace.steps.map(
        (step) => `${step.node}${step.answer === null ? '!' : step.answer ? '+' : '-'}`,
      )
      console.log(`${trace.method} ${trace.path} → ${trace.status}: ${path.join(' ')}`)
    }
    await server.close()
  }
}
