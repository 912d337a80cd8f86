/**
 * Fastify over node:http: the app of `../apps/fastify.ts`, listening as a Fastify user would.
 *
 *   PORT=3000 npx tsx bench/servers/fastify.ts
 */
import { createFastifyApp } from '../apps/fastify.js'
import { listenOptions, readyLine } from '../scenarios.js'

const app = await createFastifyApp()
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
