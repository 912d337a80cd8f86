/**
 * Raw node:http: the hand-written listener of `../apps/node-http.ts` on `createServer`.
 *
 *   PORT=3000 npx tsx bench/servers/node-http.ts
 */
import { createServer } from 'node:http'
import { createNodeHttpListener } from '../apps/node-http.js'
import { listenOptions, readyLine } from '../scenarios.js'

const server = createServer(await createNodeHttpListener())
const { port, host } = listenOptions()
server.listen(port, host, () => {
  const address = server.address()
  console.log(readyLine(typeof address === 'object' && address ? address.port : port))
})
