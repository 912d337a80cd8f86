// Request ids and structured logs with pino (docs/operations.md). Run it and watch the JSON lines:
//   npx tsx examples/ops/request-ids-and-logs.ts
//   curl -i localhost:8000/orders/1 -H 'x-request-id: checkout-1'   → the same id back, in the log too
//   curl -i localhost:8000/orders/2                                  → 404; its log line names node G7
//   curl -i -X POST localhost:8000/login -H 'content-type: application/json' \
//        -H 'cookie: sid=abc' -d '{"user":"ada","password":"hunter2"}'  → the password is [Redacted]
// Tested in test/examples/ops-request-ids-and-logs.integration.test.ts.
import { pathToFileURL } from 'node:url'
import pino from 'pino'
import { type Logger, RestApplication } from 'restmachine'
import { serve } from 'restmachine/node'

/** Proxies whose `X-Request-Id` we take; anyone else's is replaced by a fresh UUID. */
const TRUSTED_PROXIES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/** The application, logging to `logger` (a pino instance; stdout by default). */
export function createApp(logger: Logger = pino()) {
  const app = new RestApplication({
    logger, // a pino logger: one access line per request, and the parent of each request's `log`
    trustRequestId: (_id, request) => TRUSTED_PROXIES.has(request.remoteAddress ?? ''),
    logRedact: ['body.password'], // besides authorization, cookie and set-cookie, always redacted
  })
    .onStartup('orders', () => new Map([['1', { id: '1', total: 42 }]]))
    .resourceExists('order', ({ pathParams: { id }, orders }) => (id === undefined ? null : orders.get(id)))

  // `requestId` and `log` are built-ins: the log's lines carry the request id.
  app.get('/orders/{id}', ({ order, log, requestId }) => {
    log.info({ orderId: order.id }, 'order read')
    return { ...order, requestId }
  })

  app.post('/login', ({ jsonBody, log }) => {
    log.info({ body: jsonBody }, 'login attempt') // body.password is written as [Redacted]
    return { welcome: (jsonBody as { user?: string }).user ?? 'anonymous' }
  })

  // A 500: the body shows only the request id; the log line has the error and the same id.
  app.get('/fail', () => {
    throw new Error('the database said no')
  })
  return app
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await serve(createApp(), { port: Number(process.env.PORT ?? 8000) })
}
