/**
 * RestMachine over TLS + HTTP/2: the app of `../apps/restmachine.ts`, served with the Node
 * adapter's public `serve({ tls })` (HTTP/2 is its default with TLS; ALPN falls back to HTTP/1.1).
 *
 *   BENCH_TLS_KEY=key.pem BENCH_TLS_CERT=cert.pem PORT=3000 npx tsx bench/servers/restmachine-h2.ts
 */
import { serve } from '../../src/adapters/node/index.js'
import { createRestMachineApp } from '../apps/restmachine.js'
import { serverTls } from '../lib/tls.js'
import { listenOptions, readyLine } from '../scenarios.js'

const app = await createRestMachineApp()
const { port, host } = listenOptions()
const server = await serve(app, { port, hostname: host, tls: serverTls() })
console.log(readyLine(server.port))
