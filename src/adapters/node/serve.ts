import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RestRequest } from '../../http/rest-request.js'
import type { RestResponse } from '../../http/rest-response.js'
import { answerClientError } from './client-error.js'
import { toNodeHandler } from './node-handler.js'

/** An application that can be served: started, asked to handle requests, stopped. */
export interface ServableApp {
  start(): Promise<void>
  stop(): Promise<void>
  handle(request: RestRequest): RestResponse | Promise<RestResponse>
}

/** Options of {@link serve}. */
export interface ServeOptions {
  /** TCP port; `0` picks a free one. Default `8000`. */
  port?: number
  /** Interface to bind. Default `127.0.0.1`. */
  hostname?: string
  /** Largest request head (request line + headers) in bytes; larger → 431. Default 16 KiB. */
  maxHeaderSize?: number
  /** Time allowed to receive the request head, in ms (slow-loris guard). Default 10 s. */
  headersTimeout?: number
  /** Time allowed to receive the whole request, in ms. Default 30 s. */
  requestTimeout?: number
  /** How long an idle keep-alive connection stays open, in ms. Default 5 s. */
  keepAliveTimeout?: number
  /** How long shutdown waits for in-flight requests before closing their connections, in ms. Default 10 s. */
  shutdownTimeout?: number
  /** Shut down gracefully on SIGTERM and SIGINT, then exit. Default `true`. */
  handleSignals?: boolean
}

/** A listening server. */
export interface RunningServer {
  /** The Node server. */
  readonly server: Server
  /** The port it listens on. */
  readonly port: number
  /** `http://host:port`. */
  readonly url: string
  /** Stops accepting, lets in-flight requests finish (bounded), then runs the shutdown hooks. */
  close(): Promise<void>
}

/**
 * Starts the application (startup values first) and serves it over HTTP/1.1 on `node:http`.
 * On SIGTERM/SIGINT it stops accepting, lets in-flight requests finish, runs shutdown hooks and exits.
 *
 * @example
 * const server = await serve(app, { port: 8000 })
 * console.log(`listening on ${server.url}`)
 */
export async function serve(app: ServableApp, options: ServeOptions = {}): Promise<RunningServer> {
  await app.start()
  const handler = toNodeHandler(app)
  let inFlight = 0
  let closing: Promise<void> | undefined
  let drained: (() => void) | undefined
  const server = createServer(
    {
      maxHeaderSize: options.maxHeaderSize ?? 16 * 1024,
      headersTimeout: options.headersTimeout ?? 10_000,
      requestTimeout: options.requestTimeout ?? 30_000,
      keepAliveTimeout: options.keepAliveTimeout ?? 5_000,
    },
    (req, res) => {
      inFlight++
      if (closing !== undefined) res.shouldKeepAlive = false
      res.once('close', () => {
        inFlight--
        if (closing !== undefined) server.closeIdleConnections()
        if (inFlight === 0) drained?.()
      })
      handler(req, res)
    },
  )
  server.on('clientError', answerClientError)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8000, options.hostname ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address

  const onSignal = (signal: NodeJS.Signals) => {
    process.once(signal, () => process.exit(1)) // a second signal forces the exit
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[restmachine] shutdown failed', error)
        process.exit(1)
      },
    )
  }
  const handleSignals = options.handleSignals ?? true
  if (handleSignals) {
    process.once('SIGTERM', onSignal)
    process.once('SIGINT', onSignal)
  }

  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (handleSignals) {
        process.off('SIGTERM', onSignal)
        process.off('SIGINT', onSignal)
      }
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          drained = resolve
          setTimeout(resolve, options.shutdownTimeout ?? 10_000).unref()
        })
      }
      server.closeAllConnections()
      await stopped
      await app.stop()
    })()
    return closing
  }

  return { server, port: address.port, url: `http://${host}:${address.port}`, close }
}
