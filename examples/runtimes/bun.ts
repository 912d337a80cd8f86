/**
 * The http-features example on Bun's native server, `Bun.serve` (docs/deploy.md).
 *
 *   bun examples/runtimes/bun.ts      # PORT (0 picks a free one, default 8000), HOST
 */
import { app } from '../http-features.js'

/** The part of Bun's global this file uses (so it type-checks without Bun's own types). */
declare const Bun: {
  serve(options: { port: number; hostname: string; fetch: (request: Request) => Promise<Response> }): {
    url: URL
  }
}

await app.start() // startup values now, not on the first request
const server = Bun.serve({
  port: Number(process.env.PORT ?? 8000),
  hostname: process.env.HOST ?? '127.0.0.1',
  fetch: app.fetch,
})
console.log(`listening on ${server.url}`)
