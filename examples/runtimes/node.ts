/**
 * The http-features example on Node, through `restmachine/node` (docs/deploy.md).
 *
 *   npx tsx examples/runtimes/node.ts      # PORT (0 picks a free one, default 8000), HOST
 */
import { serve } from 'restmachine/node'
import { app } from '../http-features.js'

const server = await serve(app, {
  port: Number(process.env.PORT ?? 8000),
  hostname: process.env.HOST ?? '127.0.0.1',
})
console.log(`listening on ${server.url}`)
