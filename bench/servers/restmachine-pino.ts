/**
 * RestMachine with pino logging on (issue 11: "with pino logging on, hello stays ahead of Fastify
 * with its logger on"): `restmachine.ts` as it is, given a pino logger that writes to /dev/null
 * (`benchLogger` in ../scenarios.ts). With a pino logger the access log is on by default: one line
 * per request, and every response carries its `X-Request-Id`. Compare with `fastify-pino`:
 *
 *   BENCH_SERVERS=restmachine-pino,fastify-pino BENCH_SCENARIOS=hello npx tsx bench/run.ts
 *   PORT=3000 npx tsx bench/servers/restmachine-pino.ts
 */
process.env.BENCH_LOGGING = 'pino'
await import('./restmachine.js')
