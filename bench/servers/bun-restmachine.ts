/**
 * RestMachine on Bun: the app of `../apps/restmachine.ts`, its Fetch handler `app.fetch` served by
 * `Bun.serve`, as the guide shows for Fetch runtimes.
 *
 *   PORT=3000 bun bench/servers/bun-restmachine.ts
 */
import { createRestMachineApp } from '../apps/restmachine.js'
import { listenOptions, readyLine } from '../scenarios.js'

/** The part of Bun's global this file uses (so it type-checks without Bun's own types). */
declare const Bun: {
  serve(options: {
    port: number
    hostname: string
    fetch: (request: Request) => Response | Promise<Response>
  }): { port: number }
}

const app = await createRestMachineApp()
await app.start() // startup values now, not on the first request
const { port, host } = listenOptions()
const server = Bun.serve({ fetch: app.fetch, port, hostname: host })
console.log(readyLine(server.port))
