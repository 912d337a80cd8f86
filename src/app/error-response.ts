import { defaultErrorBody, publicMessage } from '../errors/error-body.js'
import { HttpError, isHttpError } from '../errors/http-error.js'
import { PROBLEM_JSON, problemDetails } from '../errors/problem-details.js'
import {
  Conflict,
  ContentTooLarge,
  Gone,
  InternalServerError,
  MethodNotAllowed,
  NotAcceptable,
  NotFound,
  NotImplemented,
  PreconditionFailed,
  ServiceUnavailable,
  Unauthorized,
  UnsupportedMediaType,
  UriTooLong,
} from '../errors/status-errors.js'
import { negotiateMediaType } from '../http/accept.js'
import type { RestResponse } from '../http/rest-response.js'
import type { Exchange } from '../machine/exchange.js'
import { isThenable } from '../machine/resolve-steps.js'
import { renderValue } from '../render/render-value.js'
import { Reply, respond } from '../render/reply.js'
import type { CompiledApp } from './compile-application.js'

/**
 * The error a diagram outcome stands for, with the data its response needs (e.g. `Allow`). These
 * are the machine's own answers, not failures: no stack trace is captured for them.
 */
export function errorForStatus(status: number, x: Exchange): HttpError {
  // Machine answers depend only on the status, the path's methods and the request method, so
  // they are built once and reused (the set is bounded by the routes and the known methods).
  const key = `${status} ${x.request.method} ${x.entry?.template ?? ''} ${x.plan?.bodyLimit ?? ''}`
  let error = machineErrors.get(key)
  if (error === undefined) {
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    try {
      error = machineError(status, x)
    } finally {
      Error.stackTraceLimit = limit
    }
    // 415's message depends on the request's Content-Encoding, so it is not reused.
    if (status !== 415 && machineErrors.size < 10_000) machineErrors.set(key, error)
  }
  return error
}

const machineErrors = new Map<string, HttpError>()

/** Whether a thrown value is the stores' StoreUnavailableError (recognised by its code). */
function isStoreUnavailable(value: unknown): boolean {
  return value instanceof Error && (value as { code?: unknown }).code === 'STORE_UNAVAILABLE'
}

function machineError(status: number, x: Exchange): HttpError {
  switch (status) {
    case 404:
      return new NotFound(x.entry === undefined ? 'No resource matches this path' : 'Resource not found')
    case 405:
      return new MethodNotAllowed(
        x.entry?.allow.split(', ') ?? [],
        `Method ${x.request.method} is not allowed here`,
      )
    case 401:
      return new Unauthorized('Authentication required')
    case 413:
      return new ContentTooLarge(`Request body exceeds the limit of ${x.plan?.bodyLimit ?? 0} bytes`)
    case 414:
      return new UriTooLong(`Request URI exceeds ${x.config.maxUriLength} characters`)
    case 415:
      return new UnsupportedMediaType(
        x.plan?.readsJson === true && x.request.headers.get('content-encoding') === null
          ? 'Expected a JSON body (Content-Type: application/json)'
          : 'Unsupported content type or content coding',
      )
    case 406:
      return new NotAcceptable('None of the available representations is acceptable')
    case 409:
      return new Conflict('The request conflicts with the current state of the resource')
    case 410:
      return new Gone('The resource is no longer available')
    case 412:
      return new PreconditionFailed('A precondition of the request failed')
    case 501:
      return new NotImplemented(`Method ${x.request.method} is not implemented by this server`)
    case 503:
      return new ServiceUnavailable('The service is temporarily unavailable')
    default:
      return new HttpError(status)
  }
}

/**
 * The one place where anything thrown becomes a response. An {@link HttpError} keeps its status;
 * any other value becomes a 500 whose body never contains the error's text — it is logged with a
 * request id instead, and the id is sent so operators can find it.
 */
export function errorResponse(
  app: CompiledApp,
  x: Exchange,
  thrown: unknown,
): RestResponse | Promise<RestResponse> {
  let error: HttpError
  let requestId: string | undefined
  if (isHttpError(thrown)) error = thrown
  else if (isStoreUnavailable(thrown)) {
    // A store (Redis…) that cannot answer fails closed: 503, never a 500 or a "let in".
    requestId = x.request.requestId ?? crypto.randomUUID()
    app.logger.error(`request ${requestId}: a backing store is unavailable`, { requestId, error: thrown })
    error = new ServiceUnavailable('A backing service is temporarily unavailable', { retryAfter: 2 })
  } else {
    requestId = x.request.requestId ?? crypto.randomUUID()
    app.logger.error(`request ${requestId} failed: ${x.request.method} ${x.request.path}`, {
      requestId,
      error: thrown,
    })
    error = new InternalServerError(undefined, { cause: thrown })
  }
  const handler = app.registrations.errorHandlers.get(error.status) ?? app.registrations.fallbackErrorHandler
  if (handler === undefined) return finishError(app, error, defaultBody(app, x, error, requestId))
  const info = { request: x.request, message: publicMessage(error), error, status: error.status }
  try {
    const body = handler(info)
    if (isThenable(body)) {
      return Promise.resolve(body).then(
        (settled) => finishError(app, error, settled),
        (failure: unknown) => handlerFailed(app, x, error, failure, requestId),
      )
    }
    return finishError(app, error, body)
  } catch (failure) {
    return handlerFailed(app, x, error, failure, requestId)
  }
}

function handlerFailed(
  app: CompiledApp,
  x: Exchange,
  error: HttpError,
  failure: unknown,
  requestId: string | undefined,
): RestResponse {
  const id = requestId ?? x.request.requestId ?? crypto.randomUUID()
  app.logger.error(`error handler for ${error.status} failed on ${x.request.method} ${x.request.path}`, {
    requestId: id,
    error: failure,
  })
  return finishError(app, error, defaultBody(app, x, error, requestId))
}

/**
 * The default error body: `{"error", "message"}`, or RFC 9457 problem details when the application
 * opts in or the client prefers `application/problem+json` (RFC 9110 §12.5.1).
 */
function defaultBody(
  app: CompiledApp,
  x: Exchange,
  error: HttpError,
  requestId: string | undefined,
): unknown {
  const accept = x.request.headers.get('accept')
  const wantsProblem =
    app.problemDetails ||
    (accept !== null &&
      accept.includes('problem') &&
      negotiateMediaType(accept, ERROR_TYPES) === PROBLEM_JSON)
  if (!wantsProblem) return defaultErrorBody(error, requestId)
  return respond(problemDetails(error, requestId), {
    status: error.status,
    headers: { 'content-type': PROBLEM_JSON },
  })
}

const ERROR_TYPES = ['application/json', PROBLEM_JSON]

function finishError(app: CompiledApp, error: HttpError, body: unknown): RestResponse {
  const response = renderValue(
    body instanceof Reply || body instanceof Response ? body : respond(body, { status: error.status }),
  )
  for (const name of Object.keys(error.headers)) {
    const value = error.headers[name] as string | readonly string[]
    response.headers[name.toLowerCase()] = typeof value === 'string' ? value : [...value]
  }
  if (error instanceof Unauthorized && response.headers['www-authenticate'] === undefined) {
    response.headers['www-authenticate'] = error.challenge ?? app.challenge
  }
  // The unread rest of an oversized body is not drained: close the connection after answering.
  if (error.status === 413) response.headers.connection = 'close'
  return response
}
