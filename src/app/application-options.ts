import type { RequestLogger } from '../di/index.js'
import type { CorsOptions, RequestIdTrust, RestRequest, SecurityHeadersOptions } from '../http/index.js'
import type { RenderFunction } from '../machine/index.js'
import type { MetricsOption, TelemetryOption } from '../telemetry/index.js'
import type { CompressionOptions } from './compression-options.js'
import type { DefaultHeadersOption } from './default-headers.js'

/** `app.traceViewer()`'s options, re-exported where the application's own options are. */
export type { TraceViewerOptions } from '../viewer/index.js'

/** Where RestMachine reports server errors: a plain logger, called with a message and then details. */
export interface Logger {
  error(message: string, details: Record<string, unknown>): void
  warn?(message: string, details?: Record<string, unknown>): void
}

/**
 * A structured logger with pino's shape: fields first, message second, and `child` loggers. A pino
 * instance is one (`logger: pino()`); RestMachine never imports pino, it calls the instance given.
 */
export interface StructuredLogger extends RequestLogger {
  child(bindings: Record<string, unknown>, options?: StructuredChildOptions): RequestLogger
}

/** What RestMachine passes to `child` once at start: the redaction every line it writes gets. */
export interface StructuredChildOptions {
  redact?: { paths: string[]; censor?: string }
}

/** Settings of a {@link RestApplication}. */
export interface RestApplicationOptions {
  /** Largest accepted request content in bytes; larger → 413 (RFC 9110 §15.5.14). Default 1 MiB. */
  bodyLimit?: number
  /** Longest accepted path plus query, in characters; longer → 414. Default 8192. */
  maxUriLength?: number
  /** Adds `X-Restmachine-Trace` with the decision nodes each request passed. Off by default. */
  trace?: boolean
  /** The `WWW-Authenticate` challenge sent with every 401 that has none. Default `Bearer`. */
  authenticationChallenge?: string
  /** B13: return `false` to answer 503 (maintenance, overload). */
  serviceAvailable?: (request: RestRequest) => boolean | Promise<boolean>
  /** B9: return `true` to answer 400 for a request the app considers malformed. */
  malformed?: (request: RestRequest) => boolean | Promise<boolean>
  /** Methods the server knows besides GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS (others → 501). */
  extraMethods?: readonly string[]
  /**
   * The media types every route produces unless it declares its own `provides` (see RouteOptions).
   * Without it, routes disregard `Accept` and send what their handler returns.
   */
  provides?: string | readonly string[] | Readonly<Record<string, RenderFunction>>
  /** Media types routes' `parsedBody` accepts unless they say otherwise. Default: JSON. */
  accepts?: readonly string[]
  /** CORS for every route that does not set its own (Fetch §3.2); errors carry the headers too. */
  cors?: CorsOptions
  /** Send every default error body as RFC 9457 problem details (clients can also ask with Accept). */
  problemDetails?: boolean
  /**
   * Security headers on every response: `true` for API defaults (nosniff, no-referrer, DENY framing,
   * same-origin COOP/CORP, CSP `default-src 'none'`), or options; a CSP directive holding `'nonce'`
   * gets a fresh nonce per response, injectable as `cspNonce`.
   */
  securityHeaders?: boolean | SecurityHeadersOptions
  /**
   * Where server errors are logged with their request id. Default: `console`. A pino logger fits
   * this type too, and is recognised by its `child` ({@link StructuredLogger}): it gets fields first,
   * one access line per request, and is the parent of each request's injectable `log`.
   */
  logger?: Logger
  /**
   * One `info` line per request (method, route template, status, duration, bytes, request id, client
   * address; the answering node on errors). Default: on with a pino logger, off otherwise; it needs one.
   */
  accessLog?: boolean
  /**
   * More fields to redact (pino `redact` paths, e.g. `'user.password'`, `'*.token'`) besides
   * `authorization`, `cookie` and `set-cookie`, which are always redacted. They replace the pino
   * instance's own `redact` for every line RestMachine and the `log` injectable write.
   */
  logRedact?: readonly string[]
  /** The header a request id is read from (when trusted) and echoed in. Default `x-request-id`. */
  requestIdHeader?: string
  /**
   * Whether to take the incoming request id: `true`, or a function that decides per value (e.g.
   * only from a known proxy). Even a trusted id must be 1–128 characters of `A-Za-z0-9._:-`. Off by
   * default: ids are generated (or, on Lambda, the platform's).
   */
  trustRequestId?: RequestIdTrust
  /**
   * Send the request id on every response (`true`) or never (`false`). Default: every response when
   * the access log is on or `trustRequestId` is set; otherwise only a response whose request has an
   * id without generating one per request: a platform id (Lambda), or one something used (the
   * `requestId` or `log` injectable, a logged 500).
   */
  echoRequestId?: boolean
  /**
   * Compresses responses with the coding Accept-Encoding prefers (gzip, brotli, zstd where the
   * runtime has it): `true` for the defaults, or options. Off by default; routes can override it.
   */
  compression?: boolean | CompressionOptions
  /**
   * OpenTelemetry traces: pass `@opentelemetry/api` (`import * as otel from '@opentelemetry/api'`),
   * or `{ api: otel, slowDependencyMs }`. Each request is then a SERVER span with the decision nodes
   * it passed as events (docs/telemetry.md). Off by default, and free when off.
   */
  telemetry?: TelemetryOption
  /**
   * Request metrics (docs/metrics.md): the `http.server.request.duration` histogram by method, route
   * template and status, and the machine's own answers by status and node. `true` keeps them in the
   * application's registry (`app.metrics`), served as Prometheus text by `metricsEndpoint(app)`;
   * `@opentelemetry/api` (or `{ api: otel, meterName }`) records them through its meter. Off by
   * default, and free when off.
   */
  metrics?: MetricsOption
  /**
   * Header fields every response gets unless it already has them, errors included: fixed, or a
   * function of the request and the status. For security headers use `securityHeaders`; for one
   * request's fields, the `responseHeaders` injectable.
   * @example defaultHeaders: { 'x-api-version': '2' }
   */
  defaultHeaders?: DefaultHeadersOption
}

/** The defaults applied to {@link RestApplicationOptions}. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024
export const DEFAULT_MAX_URI_LENGTH = 8192
export const STANDARD_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const

/** The console-backed logger used when none is given. */
export const consoleLogger: Logger = {
  error: (message, details) => console.error(`[restmachine] ${message}`, details),
  warn: (message, details) => console.warn(`[restmachine] ${message}`, details ?? ''),
}
