/**
 * Raw `Bun.serve`: the hand-written handler of `../apps/bun-serve.ts`, the physical floor on Bun.
 *
 *   PORT=3000 bun bench/servers/bun-serve.ts
 */
import { createBunServeHandler } from '../apps/bun-serve.js'
import { listenOptions, readyLine } from '../scenarios.js'

/** The part of Bun's global this file uses (so it type-checks without Bun's own types). */
declare const Bun: {
  serve(options: {
    port: number
    hostname: string
    fetch: (request: Request) => Response | Promise<Response>
  }): { port: number }
}

const fetch = await createBunServeHandler()
const { port, host } = listenOptions()
const server = Bun.serve({ fetch, port, hostname: host })
console.log(readyLine(server.port))
