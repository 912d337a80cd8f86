import { isThenable, type RequestLogger } from '../di/index.js'
import { UnsendableFieldError } from '../errors/index.js'
import type { RestRequest } from '../http/index.js'
import { discardContent, dropUnsendableFields, RestResponse, unsendableField } from '../http/index.js'
import { Exchange, type HandledExchange, runMachine, type Terminal } from '../machine/index.js'
import { logAccess } from './access-log.js'
import { answer } from './answer.js'
import type { CompiledApp } from './compile-application.js'
import { errorResponse } from './error-response.js'
import { addFixedFields, addRequestFields } from './response-fields.js'

type Result = RestResponse | Promise<RestResponse>

/**
 * Serves one request: one run of the machine, from MESSAGE (the message rules every server applies
 * first) through the route B10 chose to the outcome, which {@link answer} turns into the response;
 * then what every response gets ({@link finish}: headers, the echoed request id, the access line).
 * Synchronous from end to end when nothing on the way is asynchronous.
 */
export function handleRequest(app: CompiledApp, request: RestRequest): Result {
  const exchange = new Exchange(request, app.config)
  // The trace viewer (src/viewer/): its own pages, or the request recorded; one check when off.
  if (app.viewer !== undefined) return app.viewer.handle(exchange, () => observe(app, exchange))
  return observe(app, exchange)
}

/** Serving, inside telemetry's span and metrics' timing when either is on (one check when both are off). */
function observe(app: CompiledApp, exchange: Exchange): Result {
  if (app.observer !== undefined) return app.observer.observe(exchange, () => serve(app, exchange))
  return serve(app, exchange)
}

function serve(app: CompiledApp, exchange: Exchange): Result {
  // Read the clock only for the access log: with logging off a request costs nothing more.
  const startedAt = app.logging.access ? performance.now() : 0
  let outcome: Terminal | Promise<Terminal>
  try {
    outcome = runMachine(exchange, app.entry)
  } catch (error) {
    return finish(app, exchange, errorResponse(app, exchange, error), startedAt)
  }
  if (isThenable(outcome)) {
    return outcome.then(
      (settled) => finish(app, exchange, respond(app, exchange, settled), startedAt),
      (error: unknown) => finish(app, exchange, errorResponse(app, exchange, error), startedAt),
    )
  }
  return finish(app, exchange, respond(app, exchange, outcome), startedAt)
}

/** The outcome's response; an error thrown while building it (a renderer's, say) is answered too. */
function respond(app: CompiledApp, exchange: Exchange, outcome: Terminal): Result {
  try {
    // The run reached this outcome, so what the outcome's response reads was learned on the way.
    return answer(app, exchange as HandledExchange, outcome)
  } catch (error) {
    return errorResponse(app, exchange, error)
  }
}

/**
 * What every response gets: the 401 challenge, dependencies' headers, security headers, CORS, the
 * trace, the request id (when known or always echoed) and, with the access log on, its line. A
 * response with a field that cannot be sent is answered 500 instead ({@link refuse}); `refusing`
 * is set while finishing that 500.
 */
function finish(
  app: CompiledApp,
  exchange: Exchange,
  response: Result,
  startedAt: number,
  refusing = false,
): Result {
  // Every response is a RestResponse; anything else is its promise. An instanceof check, not a
  // `then` lookup on the response (that would walk its prototype chain on every request).
  if (!(response instanceof RestResponse)) {
    return Promise.resolve(response).then(
      (settled) => finish(app, exchange, settled, startedAt, refusing) as RestResponse,
    )
  }
  addRequestFields(app, exchange, response)
  // RFC 9110 §5.1, §5.5: every field this request's code could set is checked here, once, so every
  // adapter sends (or refuses) the same thing. The fields added after it are sendable by
  // construction (checked at start, or filtered): see addFixedFields.
  const unsendable = unsendableField(response.headers, app.sendableStrings)
  if (unsendable !== undefined) {
    if (!refusing) return refuse(app, exchange, response, unsendable, startedAt)
    // The 500 got a bad field again, from a dependency's bag: it is left out.
    dropUnsendableFields(response.headers)
  }
  addFixedFields(app, exchange, response)
  const logging = app.logging
  if (logging.access) logAccess(logging.structured as RequestLogger, exchange, response, startedAt)
  return response
}

/**
 * A field that cannot be sent is a server bug (most often client input copied into a header): the
 * response is replaced by the 500 every unexpected error gets, its content released, and the error
 * logged with the field's name (never its value, which may be an attacker's).
 */
function refuse(
  app: CompiledApp,
  exchange: Exchange,
  response: RestResponse,
  field: string,
  startedAt: number,
): Result {
  discardContent(response.body)
  const replacement = errorResponse(app, exchange, new UnsendableFieldError(field))
  return finish(app, exchange, replacement, startedAt, true)
}
