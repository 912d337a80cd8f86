/**
 * The http-features example on Deno's native server, `Deno.serve` (docs/deploy.md).
 *
 * Bundle it with esbuild as docs/deploy.md shows, then:
 *
 *   deno run --allow-net --allow-env dist/server.js   # PORT (0 picks a free one, default 8000), HOST
 */
import { app } from '../http-features.js'

/** The part of Deno's global this file uses (so it type-checks without Deno's own types). */
declare const Deno: {
  env: { get(name: string): string | undefined }
  serve(
    options: { port: number; hostname: string; onListen(address: { hostname: string; port: number }): void },
    handler: (request: Request) => Promise<Response>,
  ): unknown
}

await app.start() // startup values now, not on the first request
Deno.serve(
  {
    port: Number(Deno.env.get('PORT') ?? 8000),
    hostname: Deno.env.get('HOST') ?? '127.0.0.1',
    onListen: ({ hostname, port }) => console.log(`listening on http://${hostname}:${port}/`),
  },
  app.fetch,
)
