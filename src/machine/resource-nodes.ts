import { type ContextFunction, resolvePhase, whenSettled } from '../di/index.js'
import { formatEntityTag, parseEntityTag } from '../http/index.js'
import type { RoutedExchange } from './exchange.js'

// The resource nodes: G7 and, for a missing resource, the history nodes K7, K5, L5 (webmachine v3);
// O14 for conflicts (P3, its twin for a resource being created, is in creation-nodes.ts). The callbacks
// are the application's, called with the request's context.

function call(exchange: RoutedExchange, callback: ContextFunction): unknown {
  return callback.resolve(exchange.context)
}

/**
 * G7 "Resource exists?" — resolves `resourceExists` callbacks (`null`/`undefined` → no), then the
 * resource's validators (ETag, Last-Modified) so preconditions can be answered before the handler.
 */
export function g7ResourceExists(exchange: RoutedExchange): boolean | Promise<boolean> {
  return whenSettled(resolvePhase(exchange, 'resource'), (exists) => {
    exchange.found = exists === true
    return exchange.found ? loadValidators(exchange) : false
  })
}

function loadValidators(exchange: RoutedExchange): boolean | Promise<boolean> {
  const resource = exchange.plan.resource
  if (resource === undefined) return true
  const etag = resource.etag === undefined ? undefined : call(exchange, resource.etag)
  return whenSettled(etag, (tag) => {
    if (tag !== undefined && tag !== null) exchange.etag = normalizeEtag(tag)
    const modified = resource.lastModified === undefined ? undefined : call(exchange, resource.lastModified)
    return whenSettled(modified, (time) => {
      if (time !== undefined && time !== null) exchange.lastModified = toTime(time)
      return true
    })
  })
}

/** Accepts `"x"`, `W/"x"` or a bare opaque string (sent as a strong tag). */
function normalizeEtag(value: unknown): string {
  const text = String(value)
  const parsed = parseEntityTag(text)
  if (parsed !== null) return formatEntityTag(parsed)
  return formatEntityTag({ weak: false, opaque: text })
}

function toTime(value: unknown): number {
  const time =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(String(value))
  if (Number.isNaN(time)) throw new TypeError(`lastModified returned an invalid date: ${String(value)}`)
  return time
}

/** K7 "Previously existed?" — a missing resource the app knows was there once (→ 410 unless moved). */
export function k7PreviouslyExisted(exchange: RoutedExchange): boolean | Promise<boolean> {
  const callback = exchange.plan.resource?.previouslyExisted
  if (callback !== undefined) return whenSettled(call(exchange, callback), (answer) => answer === true)
  // Knowing where a resource moved implies it existed.
  const resource = exchange.plan.resource
  return resource?.movedPermanently !== undefined || resource?.movedTemporarily !== undefined
}

function movedTo(
  exchange: RoutedExchange,
  callback: ContextFunction | undefined,
): boolean | Promise<boolean> {
  if (callback === undefined) return false
  return whenSettled(call(exchange, callback), (target) => {
    if (typeof target !== 'string' || target === '') return false
    exchange.location = target
    return true
  })
}

/** K5 "Moved permanently?" (RFC 9110 §15.4.2 → 301 + Location). */
export function k5MovedPermanently(exchange: RoutedExchange): boolean | Promise<boolean> {
  return movedTo(exchange, exchange.plan.resource?.movedPermanently)
}

/** L5 "Moved temporarily?" (RFC 9110 §15.4.8 → 307 + Location). */
export function l5MovedTemporarily(exchange: RoutedExchange): boolean | Promise<boolean> {
  return movedTo(exchange, exchange.plan.resource?.movedTemporarily)
}

/** O14 "Conflict?" — the route's `conflict` callback (RFC 9110 §15.5.10 → 409). */
export function o14Conflict(exchange: RoutedExchange): boolean | Promise<boolean> {
  return conflicts(exchange)
}

/** Whether the route's `conflict` callback sees a conflict (O14, P3). */
export function conflicts(exchange: RoutedExchange): boolean | Promise<boolean> {
  const callback = exchange.plan.conflict
  if (callback === undefined) return false
  return whenSettled(call(exchange, callback), (answer) => answer === true)
}
