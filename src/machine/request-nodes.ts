import { resolvePhase, seedContext } from '../di/index.js'
import { malformedRequest } from '../http/index.js'
import { MALFORMED_PATH } from '../router/index.js'
import type { Exchange, RoutedExchange } from './exchange.js'

// Nodes B13–B3 of the webmachine v3 diagram, plus MESSAGE (the message rules every server applies
// first) and ROUTE (dispatch, which webmachine does before the diagram). Each answers the question
// in its label; the table in diagram.ts wires the edges.

/**
 * MESSAGE "Message well-formed?" — the request target and `Host` (RFC 9112 §3.2 → 400), checked
 * before anything else looks at the request; the problem found becomes the 400's message.
 */
export function messageWellFormed(exchange: Exchange): boolean {
  exchange.problem = malformedRequest(exchange.request)
  return exchange.problem === undefined
}

/** B13 "Service available?" — the app's `serviceAvailable` callback (RFC 9110 §15.6.4 → 503). */
export function b13ServiceAvailable(exchange: Exchange): boolean | Promise<boolean> {
  const check = exchange.config.serviceAvailable
  return check === undefined ? true : check(exchange.request)
}

/** B12 "Known method?" — methods this server implements anywhere (RFC 9110 §15.6.2 → 501). */
export function b12KnownMethod(exchange: Exchange): boolean {
  return exchange.config.knownMethods.has(exchange.request.method)
}

/** B11 "URI too long?" (RFC 9110 §15.5.15 → 414). */
export function b11UriTooLong(exchange: Exchange): boolean {
  return exchange.request.path.length + exchange.request.rawQuery.length > exchange.config.maxUriLength
}

/**
 * ROUTE "Route matches the path?" — a path no route matches goes on to PATH; so does one whose
 * percent-encoding cannot be decoded, with the problem noted.
 */
export function routeMatches(exchange: Exchange): boolean {
  const match = exchange.config.router.match(exchange.request.path)
  if (match === MALFORMED_PATH) {
    exchange.problem = 'The request path contains invalid percent-encoding'
    return false
  }
  if (match === undefined) return false
  exchange.entry = match.value
  exchange.params = match.params
  return true
}

/**
 * PATH "Path well-encoded?" — after ROUTE found no route: a path whose %-encoding is not UTF-8
 * (RFC 3986 §2.1, RFC 3629) is a 400 rather than a 404, so a client learns its request was broken.
 */
export function pathWellEncoded(exchange: Exchange): boolean {
  return exchange.problem === undefined
}

/**
 * B10 "Method allowed?" — HEAD is served by GET routes, OPTIONS by every path (RFC 9110 §9.3.2,
 * §9.3.7). Once the route is chosen, its context is seeded (path parameters, built-ins, startup
 * values) and the run goes on into the route's plan.
 */
export function b10MethodAllowed(exchange: Exchange): boolean {
  const entry = exchange.entry
  if (entry === undefined) return false
  const method = exchange.request.method
  const plan =
    entry.methods.get(method) ??
    (method === 'HEAD' ? entry.methods.get('GET') : method === 'OPTIONS' ? entry.options : undefined)
  if (plan === undefined) return false
  exchange.plan = plan
  seedContext(exchange)
  return true
}

/** B9 "Malformed?" — the app's `malformed` callback. */
export function b9Malformed(exchange: RoutedExchange): boolean | Promise<boolean> {
  const check = exchange.config.malformed
  return check === undefined ? false : check(exchange.request)
}

/** B8 "Authorized?" — resolves authentication and every dependency needing no resource or body. */
export function b8Authorized(exchange: RoutedExchange): boolean | Promise<boolean> {
  return resolvePhase(exchange, 'authorize')
}

/** B7 "Forbidden?" — resolves the route's `forbidden` callbacks that need no resource. */
export function b7Forbidden(exchange: RoutedExchange): boolean | Promise<boolean> {
  const allowed = resolvePhase(exchange, 'forbid')
  return typeof allowed === 'boolean' ? !allowed : allowed.then((yes) => !yes)
}

/** B3 "OPTIONS?" — answered with 204 and `Allow` (RFC 9110 §9.3.7). */
export function b3Options(exchange: RoutedExchange): boolean {
  return exchange.request.method === 'OPTIONS'
}
