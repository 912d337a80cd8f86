import { isThenable, seedContext } from '../di/index.js'
import { BadRequest } from '../errors/status-errors.js'
import { isPreflight } from '../http/cors.js'
import { malformedRequest } from '../http/message-checks.js'
import type { RestRequest } from '../http/rest-request.js'
import type { RestResponse } from '../http/rest-response.js'
import { createNonce } from '../http/security-headers.js'
import type { PlannedNode, Terminal } from '../machine/decision-node.js'
import { Exchange } from '../machine/exchange.js'
import { ROUTED } from '../machine/plan.js'
import type { RoutePlan } from '../machine/route-plan.js'
import { runPlan } from '../machine/run.js'
import { applyRange } from './byte-ranges.js'
import type { CompiledApp } from './compile-application.js'
import { applyCors, corsFor, optionsResponse } from './cors-response.js'
import { errorForStatus, errorResponse } from './error-response.js'
import { addMachineHeaders, decorateSuccess, notModified, redirect, renderResult } from './representation.js'

type Outcome = Terminal | typeof ROUTED
type Result = RestResponse | Promise<RestResponse>

/**
 * Serves one request: the message checks every server applies first (request target, `Host`:
 * RFC 9112 §3.2 → 400), the application-wide nodes, then the route's plan, then the handler and
 * rendering. Synchronous from end to end when nothing on the way is asynchronous.
 */
export function handleRequest(app: CompiledApp, request: RestRequest): Result {
  const x = new Exchange(request, app.config)
  const malformed = malformedRequest(request)
  if (malformed !== undefined) return finish(app, x, errorResponse(app, x, new BadRequest(malformed)))
  return step(app, x, app.entry, undefined)
}

/** Runs planned nodes from `start` (seeding the route's context first when given its plan). */
function step(
  app: CompiledApp,
  x: Exchange,
  start: Outcome | PlannedNode,
  seedFor: RoutePlan | undefined,
): Result {
  let outcome: Outcome | Promise<Outcome>
  try {
    if (seedFor !== undefined) seedContext(x)
    outcome = runPlan(x, start)
  } catch (error) {
    return finish(app, x, errorResponse(app, x, error))
  }
  if (isThenable(outcome)) {
    return outcome.then(
      (settled) => afterOutcome(app, x, settled),
      (error: unknown) => finish(app, x, errorResponse(app, x, error)),
    )
  }
  return afterOutcome(app, x, outcome)
}

function afterOutcome(app: CompiledApp, x: Exchange, outcome: Outcome): Result {
  if (outcome === ROUTED) {
    const plan = x.plan as RoutePlan
    return step(app, x, plan.entry, plan)
  }
  if (outcome === 'HANDLER') return runHandler(app, x)
  if (outcome === 'OPTIONS') return finish(app, x, optionsResponse(x, app.cors))
  const status = outcome.status
  if (status === 304) return finish(app, x, notModified(x))
  if (status === 301 || status === 307) return finish(app, x, redirect(x, status))
  return finish(app, x, errorResponse(app, x, errorForStatus(app, outcome, x)))
}

function runHandler(app: CompiledApp, x: Exchange): Result {
  let result: unknown
  try {
    result = x.plan!.handler!(x.context)
  } catch (error) {
    return finish(app, x, errorResponse(app, x, error))
  }
  if (isThenable(result)) {
    return Promise.resolve(result).then(
      (settled) => render(app, x, settled),
      (error: unknown) => finish(app, x, errorResponse(app, x, error)),
    )
  }
  return render(app, x, result)
}

function render(app: CompiledApp, x: Exchange, result: unknown): Result {
  try {
    let response = renderResult(x, result)
    decorateSuccess(x, response)
    if (x.plan?.ranges === true) response = applyRange(x, response)
    return finish(app, x, response)
  } catch (error) {
    return finish(app, x, errorResponse(app, x, error))
  }
}

function finish(app: CompiledApp, x: Exchange, response: Result): Result {
  if (isThenable(response)) return response.then((settled) => finish(app, x, settled) as RestResponse)
  // RFC 9110 §15.5.2: a 401 MUST carry a WWW-Authenticate challenge, even when a handler made it.
  if (response.status === 401 && response.headers['www-authenticate'] === undefined) {
    response.headers['www-authenticate'] = app.challenge
  }
  if (response.status >= 400) addMachineHeaders(x, response.headers)
  x.responseHeaders?.applyTo(response.headers)
  const plan = x.plan
  const security =
    plan !== undefined && app.routeSecurityHeaders.size > 0 && app.routeSecurityHeaders.has(plan)
      ? app.routeSecurityHeaders.get(plan)
      : app.securityHeaders
  if (security !== undefined) {
    if ('perNonce' in security) x.cspNonce ??= createNonce()
    const fields = 'fixed' in security ? security.fixed : security.perNonce(x.cspNonce as string)
    for (const name of Object.keys(fields)) response.headers[name] ??= fields[name] as string
  }
  // A preflight's CORS answer is all or nothing (optionsResponse): a refused one carries no CORS
  // header at all, so the browser fails the preflight (Fetch §4.8, CORS check).
  const cors = isPreflight(x.request.method, x.request.headers) ? undefined : corsFor(x, app.cors)
  if (cors !== undefined) applyCors(x, response, cors)
  if (x.trace !== undefined) response.headers['x-restmachine-trace'] = x.trace.join(',')
  return response
}
