import { isThenable, type RequestLogger } from '../di/index.js'
import type { RestRequest } from '../http/index.js'
import { createNonce, isPreflight, RestResponse } from '../http/index.js'
import { Exchange, type HandledExchange, runMachine, type Terminal } from '../machine/index.js'
import { logAccess } from './access-log.js'
import { answer } from './answer.js'
import type { CompiledApp } from './compile-application.js'
import { encodeResponse } from './compression.js'
import { applyCors, corsFor } from './cors-response.js'
import { applyDefaultHeaders } from './default-headers.js'
import { errorResponse } from './error-response.js'
import { addMachineHeaders } from './representation.js'

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
 * trace, the request id (when known or always echoed) and, with the access log on, its line.
 */
function finish(app: CompiledApp, exchange: Exchange, response: Result, startedAt: number): Result {
  // Every response is a RestResponse; anything else is its promise. An instanceof check, not a
  // `then` lookup on the response (that would walk its prototype chain on every request).
  if (!(response instanceof RestResponse)) {
    return Promise.resolve(response).then(
      (settled) => finish(app, exchange, settled, startedAt) as RestResponse,
    )
  }
  // F7 chose a coding only on a route that compresses; applied last, to the response as sent.
  if (exchange.encoding !== undefined) encodeResponse(exchange, response)
  // RFC 9110 §15.5.2: a 401 MUST carry a WWW-Authenticate challenge, even when a handler made it.
  if (response.status === 401 && response.headers['www-authenticate'] === undefined) {
    response.headers['www-authenticate'] = app.challenge
  }
  if (response.status >= 400) addMachineHeaders(exchange, response.headers)
  exchange.responseHeaders?.applyTo(response.headers)
  const plan = exchange.plan
  const security =
    plan !== undefined && app.routeSecurityHeaders.size > 0 && app.routeSecurityHeaders.has(plan)
      ? app.routeSecurityHeaders.get(plan)
      : app.securityHeaders
  if (security !== undefined) {
    if ('perNonce' in security) exchange.cspNonce ??= createNonce()
    const fields = 'fixed' in security ? security.fixed : security.perNonce(exchange.cspNonce as string)
    for (const name of Object.keys(fields)) response.headers[name] ??= fields[name] as string
  }
  if (app.defaultHeaders !== undefined) applyDefaultHeaders(app.defaultHeaders, exchange.request, response)
  // A preflight's CORS answer is all or nothing (optionsResponse): a refused one carries no CORS
  // header at all, so the browser fails the preflight (Fetch §4.8, CORS check).
  const cors = isPreflight(exchange.request.method, exchange.request.headers)
    ? undefined
    : corsFor(exchange, app.cors)
  if (cors !== undefined) applyCors(exchange, response, cors)
  if (app.traceHeader) response.headers['x-restmachine-trace'] = traceHeader(exchange)
  const logging = app.logging
  const requestId = logging.echo === 'always' ? exchange.requestId : knownRequestId(app, exchange)
  if (requestId !== undefined) response.headers[logging.requestId.header] ??= requestId
  if (logging.access) logAccess(logging.structured as RequestLogger, exchange, response, startedAt)
  return response
}

/** The ids of the nodes the run passed, for `X-Restmachine-Trace`. */
function traceHeader(exchange: Exchange): string {
  return (exchange.trace ?? []).map((node) => node.id).join(',')
}

/**
 * The request's id when it costs no new one: already decided (something used it), or a trusted
 * or platform id to take. `undefined` with echo off.
 */
function knownRequestId(app: CompiledApp, exchange: Exchange): string | undefined {
  if (app.logging.echo === 'never') return undefined
  return (
    exchange.knownRequestId ?? (exchange.request.requestId !== undefined ? exchange.requestId : undefined)
  )
}
