/**
 * Hono on `@hono/node-server`: the app of `../apps/hono.ts`, served as a Hono user on Node would.
 *
 *   PORT=3000 npx tsx bench/servers/hono.ts
 */
import { serve } from '@hono/node-server'
import { createHonoApp } from '../apps/hono.js'
import { listenOptions, readyLine } from '../scenarios.js'

const app = await createHonoApp()
const { port, host } = listenOptions()
serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  console.log(readyLine(info.port))
})
