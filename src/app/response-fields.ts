import { createNonce, isPreflight, type RestResponse } from '../http/index.js'
import type { Exchange } from '../machine/index.js'
import type { CompiledApp } from './compile-application.js'
import { encodeResponse } from './compression.js'
import { applyCors, corsFor } from './cors-response.js'
import { applyDefaultHeaders } from './default-headers.js'
import { addMachineHeaders } from './representation.js'

/**
 * The fields every response gets that this request's code may have set (a dependency's bag, an
 * ETag callback's tag): the content coding, the 401 challenge, the machine's fields on an error,
 * the `responseHeaders` bag. `handleRequest` checks the response after these, before
 * {@link addFixedFields}.
 */
export function addRequestFields(app: CompiledApp, exchange: Exchange, response: RestResponse): void {
  // F7 chose a coding only on a route that compresses; applied last, to the response as sent.
  if (exchange.encoding !== undefined) encodeResponse(exchange, response)
  // RFC 9110 §15.5.2: a 401 MUST carry a WWW-Authenticate challenge, even when a handler made it.
  if (response.status === 401 && response.headers['www-authenticate'] === undefined) {
    response.headers['www-authenticate'] = app.challenge
  }
  if (response.status >= 400) addMachineHeaders(exchange, response.headers)
  exchange.responseHeaders?.applyTo(response.headers)
}

/**
 * The fields every response gets that are sendable by construction, so the per-request check need
 * not look at them again (RFC 9110 §5.5): security headers (checked at start; a nonce is base64),
 * the `defaultHeaders` option (fixed ones checked at start, computed ones filtered), CORS (options
 * checked at start; an echoed `Origin` only when it is a field value), the trace (node ids) and the
 * request id (`isAcceptableRequestId`'s characters, or a UUID). Anything added here must stay so.
 */
export function addFixedFields(app: CompiledApp, exchange: Exchange, response: RestResponse): void {
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
