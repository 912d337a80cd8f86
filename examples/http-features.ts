/**
 * The "HTTP features" demo (shared/specs/http-features.md) on Node, through `restmachine/node`.
 * The app itself is examples/http-features-app.ts, which runs unchanged on every runtime.
 *
 *   npx tsx examples/http-features.ts      # PORT (0 picks a free one, default 8000), HOST
 */
import { pathToFileURL } from 'node:url'
import { serve } from 'restmachine/node'
import { app } from './http-features-app.js'

export { app }

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await serve(app, {
    port: Number(process.env.PORT ?? 8000),
    hostname: process.env.HOST ?? '127.0.0.1',
  })
  console.log(`http-features example listening on ${server.url}`)
}
