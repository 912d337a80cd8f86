/**
 * Hono on Bun: the app of `../apps/hono.ts`, served as Hono's Bun guide shows
 * (`Bun.serve({ fetch: app.fetch })`).
 *
 *   PORT=3000 bun bench/servers/bun-hono.ts
 */
import { createHonoApp } from '../apps/hono.js'
import { listenOptions, readyLine } from '../scenarios.js'

/** The part of Bun's global this file uses (so it type-checks without Bun's own types). */
declare const Bun: {
  serve(options: {
    port: number
    hostname: string
    fetch: (request: Request) => Response | Promise<Response>
  }): { port: number }
}

const app = await createHonoApp()
const { port, host } = listenOptions()
const server = Bun.serve({ fetch: app.fetch, port, hostname: host })
console.log(readyLine(server.port))
