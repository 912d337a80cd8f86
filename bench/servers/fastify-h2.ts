/**
 * Fastify over TLS + HTTP/2: the app of `../apps/fastify.ts` with `http2: true` and
 * `https: { key, cert }`, as Fastify's HTTP/2 guide shows.
 *
 *   BENCH_TLS_KEY=key.pem BENCH_TLS_CERT=cert.pem PORT=3000 npx tsx bench/servers/fastify-h2.ts
 */
import { createFastifyApp } from '../apps/fastify.js'
import { serverTls } from '../lib/tls.js'
import { listenOptions, readyLine } from '../scenarios.js'

const app = await createFastifyApp({ http2: true, https: serverTls() })
const { port, host } = listenOptions()
app.listen({ port, host }).then(
  () => {
    const address = app.server.address()
    console.log(readyLine(typeof address === 'object' && address ? address.port : port))
  },
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
