/**
 * Raw node:http2 over TLS: the hand-written listener of `../apps/node-http.ts` on
 * `http2.createSecureServer` (its compatibility API gives the listener request/response objects
 * with the same methods it uses: `writeHead`, `end`, `headers`, data events, piping into `res`).
 *
 *   BENCH_TLS_KEY=key.pem BENCH_TLS_CERT=cert.pem PORT=3000 npx tsx bench/servers/node-http2.ts
 */
import { createSecureServer } from 'node:http2'
import { createNodeHttpListener } from '../apps/node-http.js'
import { serverTls } from '../lib/tls.js'
import { listenOptions, readyLine } from '../scenarios.js'

// the listener is typed for node:http; http2's compatibility objects offer every member it uses
type Http2Listener = NonNullable<Parameters<typeof createSecureServer>[1]>
const listener = (await createNodeHttpListener()) as unknown as Http2Listener
const server = createSecureServer(serverTls(), listener)
const { port, host } = listenOptions()
server.listen(port, host, () => {
  const address = server.address()
  console.log(readyLine(typeof address === 'object' && address ? address.port : port))
})
