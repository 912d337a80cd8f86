import type { LogFn, RequestLogger } from '../di/index.js'
import { ConfigurationError } from '../errors/index.js'
import { DEFAULT_REQUEST_ID_HEADER, isToken, type RequestIdPolicy } from '../http/index.js'
import type { Exchange } from '../machine/index.js'
import {
  consoleLogger,
  type Logger,
  type RestApplicationOptions,
  type StructuredLogger,
} from './application-options.js'

/**
 * Redacted in every line RestMachine writes through a structured logger: the credentials a request
 * or response carries, at the top level and in the `headers` of the shapes logs usually have
 * (`headers`, `req`/`res`, `request`/`response`). Explicit paths only: a leading wildcard (`*.cookie`)
 * makes pino's redaction walk every line, about 10 µs per line measured, against none for these.
 */
export const DEFAULT_REDACT_PATHS: readonly string[] = [
  '',
  'headers',
  'req.headers',
  'res.headers',
  'request.headers',
  'response.headers',
].flatMap((parent) =>
  ['authorization', 'cookie', '["set-cookie"]'].map((field) =>
    parent === '' ? field : field.startsWith('[') ? `${parent}${field}` : `${parent}.${field}`,
  ),
)

/** How an application logs and echoes, decided once at start. */
export interface Logging {
  /** The plain logger, for error lines when no structured logger is configured. */
  readonly plain: Logger
  /** The structured logger's redacting child, when one is configured. */
  readonly structured: RequestLogger | undefined
  /** Whether each request gets an access line. */
  readonly access: boolean
  /** `always`: every response carries the id; `never`; `known`: only when it costs no new id. */
  readonly echo: 'always' | 'never' | 'known'
  /** Where each request's id comes from, and the header that echoes it. */
  readonly requestId: RequestIdPolicy
  /** Makes a request's `log`. */
  readonly requestLogger: (requestId: string) => RequestLogger
}

/** Whether a configured logger has pino's shape (fields first, `child`). */
export function isStructuredLogger(logger: Logger): logger is Logger & StructuredLogger {
  const candidate = logger as Partial<StructuredLogger>
  return typeof candidate.child === 'function' && typeof candidate.info === 'function'
}

/**
 * Reads the logging and request-id options. A structured logger gets one redacting child here, at
 * start (pino compiles redaction once per `child` call that sets it; per-request children of it
 * inherit it and compile nothing).
 */
export function compileLogging(options: RestApplicationOptions): Logging {
  const configured = options.logger ?? consoleLogger
  const structured = isStructuredLogger(configured)
    ? configured.child(
        {},
        { redact: { paths: [...DEFAULT_REDACT_PATHS, ...(options.logRedact ?? [])], censor: '[Redacted]' } },
      )
    : undefined
  if (options.accessLog === true && structured === undefined) {
    throw new ConfigurationError(
      'accessLog needs a structured logger (pino): pass logger: pino() or leave accessLog off',
    )
  }
  const access = options.accessLog ?? structured !== undefined
  const trust = options.trustRequestId ?? false
  const header = (options.requestIdHeader ?? DEFAULT_REQUEST_ID_HEADER).toLowerCase()
  if (!isToken(header)) {
    // RFC 9110 §5.1: a field name is a token.
    throw new ConfigurationError(`requestIdHeader: '${header}' is not a valid header field name`)
  }
  const echo =
    options.echoRequestId === true || (options.echoRequestId === undefined && (access || trust !== false))
      ? 'always'
      : options.echoRequestId === false
        ? 'never'
        : 'known'
  const plain = isStructuredLogger(configured) ? consoleLogger : configured
  return {
    plain,
    structured,
    access,
    echo,
    requestId: { header, trust },
    requestLogger:
      structured === undefined
        ? (requestId) => plainRequestLogger(plain, { requestId })
        : (requestId) => structured.child({ requestId }),
  }
}

/**
 * A request logger over a plain {@link Logger}: `warn`, `error` and `fatal` reach it with the
 * bindings merged into the details; `trace`, `debug` and `info` are silent.
 */
export function plainRequestLogger(plain: Logger, bindings: Record<string, unknown>): RequestLogger {
  const silent: LogFn = () => {}
  const to =
    (write: (message: string, details: Record<string, unknown>) => void): LogFn =>
    (first: object | string, message?: string) => {
      if (typeof first === 'string') write(first, bindings)
      else write(message ?? '', { ...bindings, ...first })
    }
  const error = to((message, details) => plain.error(message, details))
  return {
    trace: silent,
    debug: silent,
    info: silent,
    warn: to((message, details) => plain.warn?.(message, details)),
    error,
    fatal: error,
    child: (more) => plainRequestLogger(plain, { ...bindings, ...more }),
  }
}

/**
 * Logs a server error with the request's id: through the structured logger as
 * `{ requestId, method, path, err }` and `message`, else through the plain logger as
 * `plainMessage` with `{ requestId, error }`. Returns the id (the error body shows it).
 */
export function logError(
  logging: Logging,
  exchange: Exchange,
  message: string,
  plainMessage: (requestId: string) => string,
  error: unknown,
): string {
  const requestId = exchange.requestId
  const { method, path } = exchange.request
  if (logging.structured !== undefined)
    logging.structured.error({ requestId, method, path, err: error }, message)
  else logging.plain.error(plainMessage(requestId), { requestId, error })
  return requestId
}
