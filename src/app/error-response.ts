import { isThenable } from '../di/index.js'
import {
  BadRequest,
  Conflict,
  ContentTooLarge,
  defaultErrorBody,
  Gone,
  HttpError,
  InternalServerError,
  isHttpError,
  MethodNotAllowed,
  NotAcceptable,
  NotFound,
  NotImplemented,
  PROBLEM_JSON,
  PreconditionFailed,
  problemDetails,
  publicMessage,
  ServiceUnavailable,
  Unauthorized,
  UnsupportedMediaType,
  UriTooLong,
} from '../errors/index.js'
import { appendVary, RestResponse } from '../http/index.js'
import type { Exchange, StatusOutcome } from '../machine/index.js'
import { Reply, renderValue, respond } from '../render/index.js'
import type { CompiledApp } from './compile-application.js'
import { errorMediaType } from './error-renderers.js'
import { type ErrorScope, errorScopeOf } from './error-scope.js'
import type { MachineAnswer } from './machine-answers.js'
import { logError } from './request-logging.js'

/**
 * The response to a machine answer (404, 405 + Allow, 414…). With no error handler for its status
 * and a built-in error body (JSON or problem details), the same bytes answer every request that
 * reaches the same edge with the same Accept: the response is rendered once per media type and each
 * request gets a copy (its own header record, the same body string). Otherwise it goes through
 * {@link errorResponse} like any error.
 */
export function machineErrorResponse(
  app: CompiledApp,
  outcome: StatusOutcome,
  exchange: Exchange,
): RestResponse | Promise<RestResponse> {
  const answer = machineAnswer(app, outcome, exchange)
  const { errorHandlers, fallbackErrorHandler } = app.registrations
  if (app.mounted !== undefined || fallbackErrorHandler !== undefined || errorHandlers.has(outcome.status)) {
    return errorResponse(app, exchange, answer.error)
  }
  const rendering = app.errorRendering
  const type = errorMediaType(rendering, exchange.request.headers.get('accept'))
  // A renderer (HTML, text, one added with errorRenderer) is given the request: rendered each time.
  if (rendering.renderers.has(type)) return errorResponse(app, exchange, answer.error)
  let sent = answer.responses.get(type)
  if (sent === undefined) {
    sent = defaultResponse(app, exchange, answer.error, undefined)
    answer.responses.set(type, sent)
  }
  return new RestResponse(sent.status, { ...sent.headers }, sent.body)
}

/**
 * The error a diagram outcome stands for, with the data its response needs (e.g. `Allow`). These
 * are the machine's own answers, not failures, so each is built once per application and reused:
 * its stack trace is captured only the first time.
 */
function machineAnswer(app: CompiledApp, outcome: StatusOutcome, exchange: Exchange): MachineAnswer {
  const status = outcome.status
  // Machine answers depend only on the status, the request method, the path's methods, the
  // route's body limit (413) and, for 415 (where B5 has a JSON reason), whether the request had a
  // Content-Encoding. Edges sharing a status share their reason, except PATH's 404, told apart by
  // having no entry, and the 400s of MESSAGE and PATH, by the problem found (one of a fixed few)
  // (test/machine/diagram-graph.test.ts holds the table to that). The cache lives on the compiled
  // application: two applications in one process never see each other's answers.
  const entry = exchange.entry
  const detail = answerDetail(status, exchange)
  const cache = app.machineErrors
  let answer = cache.get(status, entry, detail)
  if (answer === undefined) {
    answer = { error: machineError(outcome, exchange), responses: new Map() }
    // Bounded. A 501 names a method the client made up, so 501s are kept only while the cache is
    // small: a stream of invented methods cannot fill it. Every other key is bounded by the routes
    // and the known methods. Past the bound an answer is built anew (its stack captured).
    if (cache.size < (status === 501 ? UNKNOWN_METHOD_CACHE_SIZE : MACHINE_ERROR_CACHE_SIZE))
      cache.set(status, entry, detail, answer)
  }
  return answer
}

/** What a machine answer's text depends on besides its status and path: the method, and rarely more. */
function answerDetail(status: number, exchange: Exchange): string {
  const method = exchange.request.method
  if (status === 413) return `${method} ${exchange.plan?.bodyLimit ?? ''}`
  if (status === 415) return `${method} ${exchange.request.headers.get('content-encoding') !== null}`
  if (status === 400) return `${method} ${exchange.problem ?? ''}`
  return method
}

const MACHINE_ERROR_CACHE_SIZE = 10_000
const UNKNOWN_METHOD_CACHE_SIZE = 1_000

/** Whether a thrown value is the stores' StoreUnavailableError (recognised by its code). */
function isStoreUnavailable(value: unknown): boolean {
  return value instanceof Error && (value as { code?: unknown }).code === 'STORE_UNAVAILABLE'
}

/**
 * Builds a machine answer from its edge in the diagram: the wording comes from the table
 * (src/machine/diagram.ts), the data (`Allow`, the method, the limits) from the exchange.
 */
function machineError({ status, reason, jsonReason }: StatusOutcome, exchange: Exchange): HttpError {
  const readsJson =
    jsonReason !== undefined &&
    exchange.plan?.readsJson === true &&
    exchange.request.headers.get('content-encoding') === null
  const message = fillReason(readsJson ? jsonReason : reason, exchange)
  // RFC 9110 §15.5.6: a 405 lists the methods the target resource supports in Allow.
  if (status === 405) return new MethodNotAllowed(exchange.entry?.allow.split(', ') ?? [], message)
  // RFC 9110 §15.6.2: the server does not support this method for any resource. The machine
  // decided it, so it is an answer and not an internal failure: its message may be shown.
  if (status === 501) return new NotImplemented(message, { expose: true })
  const ErrorClass = MACHINE_ERROR_CLASSES[status]
  return ErrorClass === undefined ? new HttpError(status, message, { expose: true }) : new ErrorClass(message)
}

/** The error class of each status the diagram answers with a message only. */
const MACHINE_ERROR_CLASSES: Readonly<Partial<Record<number, new (message: string) => HttpError>>> = {
  400: BadRequest,
  401: Unauthorized,
  404: NotFound,
  406: NotAcceptable,
  409: Conflict,
  410: Gone,
  412: PreconditionFailed,
  413: ContentTooLarge,
  414: UriTooLong,
  415: UnsupportedMediaType,
  503: ServiceUnavailable,
}

/**
 * Fills a reason's `{method}`, `{limit}`, `{maxUriLength}` and `{problem}` from the request, the
 * limits and what MESSAGE found.
 */
function fillReason(reason: string, exchange: Exchange): string {
  return reason.replace(/\{(method|limit|maxUriLength|problem)\}/g, (_, name: string) => {
    if (name === 'method') return exchange.request.method
    if (name === 'problem') return exchange.problem ?? 'Bad Request'
    if (name === 'limit') return String(exchange.plan?.bodyLimit ?? 0)
    return String(exchange.config.maxUriLength)
  })
}

/**
 * The one place where anything thrown becomes a response. An {@link HttpError} keeps its status;
 * any other value becomes a 500 whose body never contains the error's text — it is logged with the
 * request's id (the one every log line and the echoed header carry) instead, and the id is sent so
 * operators can find it.
 */
export function errorResponse(
  app: CompiledApp,
  exchange: Exchange,
  thrown: unknown,
): RestResponse | Promise<RestResponse> {
  let error: HttpError
  let requestId: string | undefined
  if (isHttpError(thrown)) error = thrown
  else if (isStoreUnavailable(thrown)) {
    // A store (Redis…) that cannot answer fails closed: 503, never a 500 or a "let in".
    requestId = logError(
      app.logging,
      exchange,
      'a backing store is unavailable',
      (id) => `request ${id}: a backing store is unavailable`,
      thrown,
    )
    error = new ServiceUnavailable('A backing service is temporarily unavailable', { retryAfter: 2 })
  } else {
    const { method, path } = exchange.request
    requestId = logError(
      app.logging,
      exchange,
      'request failed',
      (id) => `request ${id} failed: ${method} ${path}`,
      thrown,
    )
    error = new InternalServerError(undefined, { cause: thrown })
  }
  // A mounted application answers the errors of its routes and prefix (one check when none is).
  const scope = app.mounted === undefined ? app : errorScopeOf(app, app.mounted, exchange)
  const { errorHandlers, fallbackErrorHandler } = scope.registrations
  const handler = errorHandlers.get(error.status) ?? fallbackErrorHandler
  if (handler === undefined) return defaultResponse(scope, exchange, error, requestId)
  const info = { request: exchange.request, message: publicMessage(error), error, status: error.status }
  try {
    const body = handler(info)
    if (isThenable(body)) {
      return Promise.resolve(body).then(
        (settled) => finishError(scope, error, settled),
        (failure: unknown) => handlerFailed(app, scope, exchange, error, failure, requestId),
      )
    }
    return finishError(scope, error, body)
  } catch (failure) {
    return handlerFailed(app, scope, exchange, error, failure, requestId)
  }
}

function handlerFailed(
  app: CompiledApp,
  scope: ErrorScope,
  exchange: Exchange,
  error: HttpError,
  failure: unknown,
  requestId: string | undefined,
): RestResponse {
  const { method, path } = exchange.request
  logError(
    app.logging,
    exchange,
    `error handler for ${error.status} failed`,
    () => `error handler for ${error.status} failed on ${method} ${path}`,
    failure,
  )
  return defaultResponse(scope, exchange, error, requestId)
}

/**
 * The default error body, in the media type Accept prefers among the scope's error types, negotiated
 * as for a success (RFC 9110 §12.5.1): `{"error", "message"}` JSON, RFC 9457 problem details (in JSON's
 * place with `problemDetails`), HTML, plain text, or a type added with `errorRenderer`. Every one is made
 * from what a client may see: the public message, never an unexpected error's text.
 */
function defaultResponse(
  scope: ErrorScope,
  exchange: Exchange,
  error: HttpError,
  requestId: string | undefined,
): RestResponse {
  const rendering = scope.errorRendering
  const type = errorMediaType(rendering, exchange.request.headers.get('accept'))
  const render = rendering.renderers.get(type)
  let body: unknown
  if (render !== undefined) {
    const content = render(problemDetails(error, requestId), exchange.request)
    const contentType = type.startsWith('text/') ? `${type}; charset=utf-8` : type
    body = respond(content, { status: error.status, headers: { 'content-type': contentType } })
  } else if (type === PROBLEM_JSON) {
    body = respond(problemDetails(error, requestId), {
      status: error.status,
      headers: { 'content-type': PROBLEM_JSON },
    })
  } else body = defaultErrorBody(error, requestId)
  const response = finishError(scope, error, body)
  // RFC 9110 §12.5.5: the error's form depends on Accept.
  const vary = response.headers.vary
  response.headers.vary =
    vary === undefined ? 'Accept' : appendVary(Array.isArray(vary) ? vary.join(', ') : vary, ['Accept'])
  return response
}

function finishError(scope: ErrorScope, error: HttpError, body: unknown): RestResponse {
  const response = renderValue(
    body instanceof Reply || body instanceof Response ? body : respond(body, { status: error.status }),
  )
  for (const name of Object.keys(error.headers)) {
    const value = error.headers[name] as string | readonly string[]
    response.headers[name.toLowerCase()] = typeof value === 'string' ? value : [...value]
  }
  if (error instanceof Unauthorized && response.headers['www-authenticate'] === undefined) {
    response.headers['www-authenticate'] = error.challenge ?? scope.challenge
  }
  // The unread rest of an oversized body is not drained: close the connection after answering.
  if (error.status === 413) response.headers.connection = 'close'
  return response
}
