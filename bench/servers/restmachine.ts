/**
 * RestMachine over node:http: the app of `../apps/restmachine.ts`, served with the Node adapter's
 * `serve`, as the guide shows.
 *
 *   PORT=3000 npx tsx bench/servers/restmachine.ts
 */
import { serve } from '../../src/adapters/node/index.js'
import { createRestMachineApp } from '../apps/restmachine.js'
import { listenOptions, readyLine } from '../scenarios.js'

const app = await createRestMachineApp()
const { port, host } = listenOptions()
const server = await serve(app, { port, hostname: host })
console.log(readyLine(server.port))
