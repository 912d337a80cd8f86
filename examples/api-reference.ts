/**
 * The API reference page: the "HTTP features" app (examples/http-features-app.ts) with swagger-ui
 * at /docs, rendering its /openapi.json. swagger-ui's files come from the installed
 * `swagger-ui-dist` and are served by this server: the page works offline and calls no one else.
 *
 *   npx tsx examples/api-reference.ts      # then open http://127.0.0.1:8000/docs (PORT, HOST)
 */
import { pathToFileURL } from 'node:url'
import { serve, serveApiReference } from 'restmachine/node'
import { app } from './http-features-app.js'

serveApiReference(app, { path: '/docs', title: 'HTTP features — API reference' })

export { app }

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await serve(app, {
    port: Number(process.env.PORT ?? 8000),
    hostname: process.env.HOST ?? '127.0.0.1',
  })
  console.log(`API reference at ${server.url}/docs`)
}
