import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createH2cServer, createSecureServer, type Http2Session } from 'node:http2'
import { createServer as createHttpsServer } from 'node:https'
import type { Socket } from 'node:net'
import { answerClientError, answerConnect } from './client-error.js'
import type { NodeServer, ServeOptions, TlsOptions } from './serve-options.js'

/** A request listener for HTTP/1.1 and the HTTP/2 compatibility API alike. */
export type Listener = (req: IncomingMessage, res: ServerResponse) => void

/** A server plus the connection management graceful shutdown needs. */
export interface ServerHandle {
  readonly server: NodeServer
  readonly scheme: 'http' | 'https'
  /** Closes connections with nothing in flight; HTTP/2 sessions get a GOAWAY (RFC 9113 §6.8). */
  closeIdle(): void
  /** Destroys every connection (after the shutdown timeout). */
  closeAll(): void
}

/**
 * Creates the `node:http`, `node:https` or `node:http2` server the options call for, with the
 * slow-client limits applied and parser errors answered by {@link answerClientError}.
 */
export function createNodeServer(options: ServeOptions, listener: Listener): ServerHandle {
  const headersTimeout = options.headersTimeout ?? 10_000
  const requestTimeout = options.requestTimeout ?? 30_000
  const limits = {
    maxHeaderSize: options.maxHeaderSize ?? 16 * 1024,
    headersTimeout,
    requestTimeout,
    keepAliveTimeout: options.keepAliveTimeout ?? 5_000,
    connectionsCheckingInterval: checkingInterval(headersTimeout, requestTimeout),
    // The core answers a missing Host itself (RFC 9112 §3.2), with a JSON body like every 400.
    requireHostHeader: false,
  }
  const tls = options.tls
  const http2 = options.http2 ?? tls !== undefined
  if (!http2) {
    const server =
      tls === undefined
        ? createHttpServer(limits, listener)
        : createHttpsServer({ ...limits, ...tlsSettings(tls) }, listener)
    server.on('clientError', answerClientError)
    server.on('connect', answerConnect)
    return {
      server,
      scheme: tls === undefined ? 'http' : 'https',
      closeIdle: () => server.closeIdleConnections(),
      closeAll: () => server.closeAllConnections(),
    }
  }
  const settings = { maxHeaderListSize: limits.maxHeaderSize }
  const server =
    tls === undefined
      ? createH2cServer({ settings }, listener as never)
      : createSecureServer({ ...tlsSettings(tls), allowHTTP1: true, settings }, listener as never)
  // The HTTP/1.1 fallback honours the same slow-client limits (read when the server starts listening).
  Object.assign(server, {
    headersTimeout: limits.headersTimeout,
    requestTimeout: limits.requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
    connectionsCheckingInterval: limits.connectionsCheckingInterval,
  })
  const sessions = new Set<Http2Session>()
  const sockets = new Set<Socket>()
  server.on('session', (session: Http2Session) => {
    sessions.add(session)
    session.once('close', () => sessions.delete(session))
  })
  server.on(tls === undefined ? 'connection' : 'secureConnection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  return {
    server,
    scheme: tls === undefined ? 'http' : 'https',
    closeIdle: () => {
      for (const session of sessions) if (!session.closed) session.close()
      ;(server as { closeIdleConnections?: () => void }).closeIdleConnections?.()
    },
    closeAll: () => {
      for (const session of sessions) session.destroy()
      for (const socket of sockets) socket.destroy()
    },
  }
}

/**
 * How often Node looks for connections past `headersTimeout` or `requestTimeout`. Node's default is
 * every 30 s, whatever the timeouts, so a slow-loris connection under a 10 s headers timeout lived up
 * to 40 s; a tenth of the shortest timeout (at least 10 ms) closes it within 10% of its timeout.
 *
 * @example
 * checkingInterval(10_000, 30_000) // 1000
 */
export function checkingInterval(headersTimeout: number, requestTimeout: number): number {
  const timeouts = [headersTimeout, requestTimeout].filter((timeout) => timeout > 0)
  if (timeouts.length === 0) return 30_000 // nothing to check: Node's default, never hurried
  return Math.max(10, Math.floor(Math.min(...timeouts) / 10))
}

function tlsSettings(tls: TlsOptions) {
  return {
    key: tls.key as never,
    cert: tls.cert as never,
    passphrase: tls.passphrase,
    ca: tls.ca as never,
    requestCert: tls.requestCert ?? false,
    rejectUnauthorized: tls.rejectUnauthorized ?? true,
    // RFC 9113 §9.2: HTTP/2 over TLS requires TLS 1.2 or later.
    minVersion: 'TLSv1.2' as const,
  }
}
