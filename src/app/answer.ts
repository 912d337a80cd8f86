import type { RestResponse } from '../http/index.js'
import type { HandledExchange, RangeSelection, Terminal } from '../machine/index.js'
import { partialContent, rangeNotSatisfiable } from './byte-ranges.js'
import type { CompiledApp } from './compile-application.js'
import { optionsResponse } from './cors-response.js'
import { errorResponse, machineErrorResponse } from './error-response.js'
import { asCreated, decorateSuccess, notModified, redirect } from './representation.js'

/**
 * Turns the outcome of the machine's run into the response: the one place that does. A success
 * status (200, 201, 206) and `'RENDERED'` send the handler's representation with what the machine
 * learned on the way (Vary, Content-Language, validators); 304, 301 and 307 are built from the
 * resource's validators and new location; `'OPTIONS'` is the implicit OPTIONS answer; any other
 * status is the machine's error answer, whose message is the edge's reason.
 */
export function answer(
  app: CompiledApp,
  exchange: HandledExchange,
  outcome: Terminal,
): RestResponse | Promise<RestResponse> {
  if (outcome === 'OPTIONS') return optionsResponse(exchange, app.cors)
  if (outcome === 'RENDERED') return decorateSuccess(exchange, exchange.representation)
  const status = outcome.status
  if (status < 300) {
    const response = decorateSuccess(exchange, exchange.representation)
    if (status === 201) return asCreated(exchange, response)
    return status === 206 ? partialContent(response, exchange.range as RangeSelection) : response
  }
  if (status === 304) return notModified(exchange)
  if (status === 301 || status === 307) return redirect(exchange, status)
  if (status === 416)
    return errorResponse(app, exchange, rangeNotSatisfiable(outcome.reason, exchange.range as RangeSelection))
  return machineErrorResponse(app, outcome, exchange)
}
