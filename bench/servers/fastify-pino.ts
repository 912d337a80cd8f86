/**
 * Fastify with its logger on (issue 11's comparison for `restmachine-pino`): `fastify.ts` as it
 * is, given the same pino logger writing to /dev/null (`benchLogger` in ../scenarios.ts) as
 * `loggerInstance`. Fastify then logs "incoming request" and "request completed" for each request,
 * its default with a logger.
 *
 *   PORT=3000 npx tsx bench/servers/fastify-pino.ts
 */
process.env.BENCH_LOGGING = 'pino'
await import('./fastify.js')
