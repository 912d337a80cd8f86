/**
 * Elysia on Bun: the app of `../apps/elysia.ts`, listening as its docs show (`app.listen`, which is
 * `Bun.serve` underneath).
 *
 *   PORT=3000 bun bench/servers/bun-elysia.ts
 */
import { createElysiaApp } from '../apps/elysia.js'
import { listenOptions, readyLine } from '../scenarios.js'

const app = await createElysiaApp()
const { port, host } = listenOptions()
app.listen({ port, hostname: host }, (server) => console.log(readyLine(server.port ?? port)))
