import { resumePhase } from '../di/index.js'
import type { RoutedExchange } from './exchange.js'
import { conflicts } from './resource-nodes.js'

// The branch of a PUT to a resource that does not exist yet and that the route creates
// (RFC 9110 §9.3.4): I7, H7 and P3 of webmachine v3, between G7's "no" and the content checks.
// P11 (response-nodes.ts) turns the handler's 200 into 201 + Location at the end of the run.

/**
 * I7 "PUT to a resource the route creates?" — G7 found nothing, the route declared `creates`, and
 * the resource that said no is that one: the rest of the resource phase is resolved with it absent.
 * Any other missing resource goes on to K7 (→ 404, 410 or a redirect).
 */
export function i7PutCreates(exchange: RoutedExchange): boolean | Promise<boolean> {
  const creates = exchange.plan.creates
  return (
    creates !== undefined && exchange.request.method === 'PUT' && resumePhase(exchange, 'resource', creates)
  )
}

/**
 * H7 "If-Match exists?" — on a resource with no current representation any If-Match is false
 * (RFC 9110 §13.1.1: `*` too), so a conditional PUT meant for an existing resource gets 412 instead
 * of creating one. It is asked only on the create branch: without a precondition the request would
 * succeed, which is when RFC 9110 §13.2.1 has preconditions evaluated (a plain missing resource is a
 * 404 whatever its If-Match).
 */
export function h7IfMatchExists(exchange: RoutedExchange): boolean {
  return exchange.request.headers.get('if-match') !== null
}

/** P3 "Conflict?" — the route's `conflict` callback, for the resource about to be created (→ 409). */
export function p3Conflict(exchange: RoutedExchange): boolean | Promise<boolean> {
  return conflicts(exchange)
}
