import cluster from 'node:cluster'
import type { AddressInfo } from 'node:net'
import { type RunningCluster, runPrimary } from './cluster-primary.js'
import { createNodeServer } from './create-server.js'
import { toNodeHandler } from './node-handler.js'
import type { RunningServer, ServableApp, ServeOptions } from './serve-options.js'

export type {
  NodeServer,
  Pem,
  RunningServer,
  ServableApp,
  ServeOptions,
  TlsOptions,
} from './serve-options.js'

/** The message a cluster primary sends a worker to make it drain and exit. */
export const SHUTDOWN_MESSAGE = 'restmachine:shutdown'

/**
 * Starts the application (startup values first) and serves it: HTTP/1.1 on `node:http`, HTTPS with
 * `tls`, HTTP/2 with ALPN fallback to HTTP/1.1 when `tls` is given (unless `http2: false`), and
 * `workers` processes with `node:cluster`. On SIGTERM/SIGINT it stops accepting, lets in-flight
 * requests finish, runs the shutdown hooks and exits.
 *
 * @example
 * const server = await serve(app, { port: 8443, tls: { key, cert } })
 * console.log(`listening on ${server.url}`) // https://127.0.0.1:8443, h2 and http/1.1
 */
export function serve(
  app: ServableApp,
  options: ServeOptions & { workers: number },
): Promise<RunningServer | RunningCluster>
export function serve(app: ServableApp, options?: ServeOptions): Promise<RunningServer>
export async function serve(
  app: ServableApp,
  options: ServeOptions = {},
): Promise<RunningServer | RunningCluster> {
  if (options.workers !== undefined && options.workers > 0 && cluster.isPrimary) return runPrimary(options)
  return serveHere(app, options, cluster.isWorker)
}

async function serveHere(app: ServableApp, options: ServeOptions, asWorker: boolean): Promise<RunningServer> {
  await app.start()
  const handler = toNodeHandler(app)
  let closing: Promise<void> | undefined
  // No per-request bookkeeping on the hot path: shutdown finds in-flight requests by what it
  // cannot close (see close()).
  const handle = createNodeServer(options, (req, res) => {
    if (closing !== undefined) (res as { shouldKeepAlive?: boolean }).shouldKeepAlive = false
    handler(req, res)
  })
  const { server } = handle
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8000, options.hostname ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address

  const exitAfterClose = () =>
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[restmachine] shutdown failed', error)
        process.exit(1)
      },
    )
  const onSignal = (signal: NodeJS.Signals) => {
    process.once(signal, () => process.exit(1)) // a second signal forces the exit
    exitAfterClose()
  }
  const onMessage = (message: unknown) => {
    if (message === SHUTDOWN_MESSAGE) exitAfterClose()
  }
  const handleSignals = options.handleSignals ?? true
  if (asWorker) {
    // The primary decides when workers stop; a terminal's Ctrl-C reaches the whole process group.
    process.on('SIGINT', noop)
    process.once('SIGTERM', exitAfterClose)
    process.on('message', onMessage)
    process.once('disconnect', exitAfterClose)
  } else if (handleSignals) {
    process.once('SIGTERM', onSignal)
    process.once('SIGINT', onSignal)
  }

  const close = (): Promise<void> => {
    closing ??= (async () => {
      process.off('SIGTERM', onSignal)
      process.off('SIGINT', onSignal)
      // Stop accepting; the server closes once every connection has ended. Connections that are idle
      // (between keep-alive requests) are closed now and again as in-flight responses finish.
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      handle.closeIdle()
      const sweep = setInterval(() => handle.closeIdle(), 25)
      let timer: ReturnType<typeof setTimeout> | undefined
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.shutdownTimeout ?? 10_000)
      })
      await Promise.race([stopped, timeout])
      clearInterval(sweep)
      clearTimeout(timer)
      handle.closeAll() // whatever outlived the shutdown timeout
      await stopped
      await app.stop()
    })()
    return closing
  }

  return { server, port: address.port, url: `${handle.scheme}://${host}:${address.port}`, close }
}

function noop(): void {}
