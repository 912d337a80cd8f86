import type { CorsOptions, RestRequest, SecurityHeadersOptions } from '../http/index.js'
import type { RenderFunction } from '../machine/index.js'
import type { TelemetryOption } from '../telemetry/index.js'

/** Where RestMachine reports server errors. */
export interface Logger {
  error(message: string, details: Record<string, unknown>): void
  warn?(message: string, details?: Record<string, unknown>): void
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
  /** Where server errors are logged with their request id. Default: `console`. */
  logger?: Logger
  /**
   * OpenTelemetry traces: pass `@opentelemetry/api` (`import * as otel from '@opentelemetry/api'`),
   * or `{ api: otel, slowDependencyMs }`. Each request is then a SERVER span with the decision nodes
   * it passed as events (docs/telemetry.md). Off by default, and free when off.
   */
  telemetry?: TelemetryOption
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
