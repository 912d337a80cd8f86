// Request metrics (docs/metrics.md): the `http.server.request.duration` histogram by method, route
// template and status, and the decision machine's own answers by status and node, kept by the
// application and served as Prometheus text at /metrics to a scraper holding a token.
// Run it: `npx tsx examples/ops/metrics.ts` sends a few requests (200, 304, 404, 401) and prints the
// scrape; `--serve` keeps it listening on PORT (8000):
//   curl -s localhost:8000/books/1
//   curl -s -H 'Authorization: Bearer scrape-secret' localhost:8000/metrics
// With OpenTelemetry instead, pass the API: `new RestApplication({ metrics: otel })` (docs/metrics.md).
// Tested in test/examples/ops-metrics.integration.test.ts.
import { pathToFileURL } from 'node:url'
import { metricsEndpoint, RestApplication } from 'restmachine'
import { bearerAuth } from 'restmachine/auth'
import { serve } from 'restmachine/node'

const books = new Map([['1', { id: '1', title: 'Weaving the Web', version: 2 }]])

/** The example application; `scrapeToken` is the bearer token Prometheus sends (`authorization` in its scrape config). */
export function createApp(scrapeToken = process.env.METRICS_TOKEN ?? 'scrape-secret') {
  // `metrics: true`: this application keeps its own registry (app.metrics), nothing shared.
  const app = new RestApplication({ metrics: true })
    .authorized('scraper', bearerAuth({ tokens: { [scrapeToken]: { name: 'prometheus' } } }))
    .resourceExists('book', ({ pathParams: { id } }) => (id === undefined ? undefined : books.get(id)), {
      etag: ({ book }) => `"${book.version}"`,
    })

  app.get('/books/{id}', ({ book }) => book)
  // The counts tell where refusals land: keep them for the scraper (or serve them on an internal port).
  app.get('/metrics', metricsEndpoint(app), { requires: ['scraper'] })
  return app
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const keepServing = process.argv.includes('--serve')
  const server = await serve(createApp(), { port: keepServing ? Number(process.env.PORT ?? 8000) : 0 })
  if (keepServing) console.log(`metrics example on ${server.url}; scrape ${server.url}/metrics`)
  else {
    await fetch(`${server.url}/books/1`) // 200
    await fetch(`${server.url}/books/1`, { headers: { 'if-none-match': '"2"' } }) // 304, the machine's (J18)
    await fetch(`${server.url}/books/404`) // 404, the machine's (G7)
    await fetch(`${server.url}/metrics`) // 401, the machine's (B8): no token
    const scrape = await fetch(`${server.url}/metrics`, {
      headers: { authorization: 'Bearer scrape-secret' },
    })
    // The counts and the machine's answers; the buckets are left out here to keep the print short.
    for (const line of (await scrape.text()).split('\n')) {
      if (line.startsWith('#') || line.includes('_count') || line.startsWith('restmachine_'))
        console.log(line)
    }
    await server.close()
  }
}
