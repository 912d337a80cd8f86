import { type ContextFunction, isThenable, resolvePhase, whenSettled } from '../di/index.js'
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
  // Named functions, not closures: a synchronous resource (the common case) allocates nothing here.
  const exists = resolvePhase(exchange, 'resource')
  if (typeof exists === 'boolean') return afterResource(exchange, exists)
  return exists.then((settled) => afterResource(exchange, settled))
}

function afterResource(exchange: RoutedExchange, exists: boolean): boolean | Promise<boolean> {
  exchange.found = exists
  if (!exists) return false
  const resource = exchange.plan.resource
  if (resource === undefined) return true
  if (resource.etag !== undefined) {
    const tag = call(exchange, resource.etag)
    if (isThenable(tag)) return Promise.resolve(tag).then((settled) => afterEtag(exchange, settled))
    return afterEtag(exchange, tag)
  }
  return afterEtag(exchange, undefined)
}

function afterEtag(exchange: RoutedExchange, tag: unknown): boolean | Promise<boolean> {
  if (tag !== undefined && tag !== null) exchange.etag = normalizeEtag(tag)
  const lastModified = exchange.plan.resource?.lastModified
  if (lastModified === undefined) return true
  const time = call(exchange, lastModified)
  if (isThenable(time)) return Promise.resolve(time).then((settled) => setLastModified(exchange, settled))
  return setLastModified(exchange, time)
}

function setLastModified(exchange: RoutedExchange, time: unknown): true {
  if (time !== undefined && time !== null) exchange.lastModified = toTime(time)
  return true
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
