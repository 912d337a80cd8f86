import type { Server as HttpServer } from 'node:http'
import type { Http2SecureServer, Http2Server } from 'node:http2'
import type { Server as HttpsServer } from 'node:https'
import type { RestRequest, RestResponse } from '../../http/index.js'

/** An application that can be served: started, asked to handle requests, stopped. */
export interface ServableApp {
  start(): Promise<void>
  stop(): Promise<void>
  handle(request: RestRequest): RestResponse | Promise<RestResponse>
}

/** PEM material (string or bytes) as Node's `tls` module accepts it. */
export type Pem = string | Uint8Array | ReadonlyArray<string | Uint8Array>

/** TLS settings of {@link ServeOptions.tls}. */
export interface TlsOptions {
  /** The server's private key (PEM). */
  key: Pem
  /** The server's certificate chain (PEM). */
  cert: Pem
  /** Passphrase of an encrypted `key`. */
  passphrase?: string
  /** Certificate authorities that client certificates must chain to (mutual TLS). */
  ca?: Pem
  /** Ask clients for a certificate; the app reads it with `clientCertificateOf(request)`. Default `false`. */
  requestCert?: boolean
  /**
   * With `requestCert`, refuse the TLS handshake when the client's certificate does not verify
   * against `ca`. `false` lets such clients in so the app can answer them (401/403) itself,
   * seeing `authorized: false`. Default `true`.
   */
  rejectUnauthorized?: boolean
}

/** Options of `serve()`. */
export interface ServeOptions {
  /** TCP port; `0` picks a free one. Default `8000`. */
  port?: number
  /** Interface to bind. Default `127.0.0.1`. */
  hostname?: string
  /** Serve HTTPS with this key and certificate. */
  tls?: TlsOptions
  /**
   * Speak HTTP/2. Default `true` with `tls` — ALPN (RFC 7301) offers `h2` and falls back to
   * HTTP/1.1 for clients that do not speak it. Without `tls`, `true` means cleartext HTTP/2 with
   * prior knowledge only (RFC 9113 §3.3), for proxies that speak it.
   */
  http2?: boolean
  /**
   * Run this many worker processes (`node:cluster`) sharing the port; each creates its own
   * startup values. SIGHUP replaces them one at a time; SIGTERM/SIGINT drains them all. Default: one process.
   */
  workers?: number
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

/** The Node server behind a {@link RunningServer}, by protocol. */
export type NodeServer = HttpServer | HttpsServer | Http2SecureServer | Http2Server

/** A listening server. */
export interface RunningServer {
  /** The Node server. */
  readonly server: NodeServer
  /** The port it listens on. */
  readonly port: number
  /** `http://host:port` or `https://host:port`. */
  readonly url: string
  /** Stops accepting, lets in-flight requests finish (bounded), then runs the shutdown hooks. */
  close(): Promise<void>
}
