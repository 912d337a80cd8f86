import { resolvePhase, whenSettled as then } from '../di/index.js'
import { formatEntityTag, parseEntityTag } from '../http/entity-tag.js'
import type { RoutedExchange } from './exchange.js'
import type { Fact } from './route-plan.js'

// The resource nodes: G7 and, for a missing resource, the history nodes K7, K5, L5 (webmachine v3);
// O14 for conflicts (P3, its twin for a resource being created, is in creation-nodes.ts). Facts are
// the application's callbacks, called with the request's context.

function call(x: RoutedExchange, fact: Fact): unknown {
  return fact.resolve(x.context)
}

/**
 * G7 "Resource exists?" — resolves `resourceExists` callbacks (`null`/`undefined` → no), then the
 * resource's validators (ETag, Last-Modified) so preconditions can be answered before the handler.
 */
export function g7ResourceExists(x: RoutedExchange): boolean | Promise<boolean> {
  return then(resolvePhase(x, 'resource'), (exists) => {
    x.found = exists === true
    return x.found ? loadValidators(x) : false
  })
}

function loadValidators(x: RoutedExchange): boolean | Promise<boolean> {
  const resource = x.plan.resource
  if (resource === undefined) return true
  const etag = resource.etag === undefined ? undefined : call(x, resource.etag)
  return then(etag, (tag) => {
    if (tag !== undefined && tag !== null) x.etag = normalizeEtag(tag)
    const modified = resource.lastModified === undefined ? undefined : call(x, resource.lastModified)
    return then(modified, (time) => {
      if (time !== undefined && time !== null) x.lastModified = toTime(time)
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
export function k7PreviouslyExisted(x: RoutedExchange): boolean | Promise<boolean> {
  const fact = x.plan.resource?.previouslyExisted
  if (fact !== undefined) return then(call(x, fact), (answer) => answer === true)
  // Knowing where a resource moved implies it existed.
  const resource = x.plan.resource
  return resource?.movedPermanently !== undefined || resource?.movedTemporarily !== undefined
}

function movedTo(x: RoutedExchange, fact: Fact | undefined): boolean | Promise<boolean> {
  if (fact === undefined) return false
  return then(call(x, fact), (target) => {
    if (typeof target !== 'string' || target === '') return false
    x.location = target
    return true
  })
}

/** K5 "Moved permanently?" (RFC 9110 §15.4.2 → 301 + Location). */
export function k5MovedPermanently(x: RoutedExchange): boolean | Promise<boolean> {
  return movedTo(x, x.plan.resource?.movedPermanently)
}

/** L5 "Moved temporarily?" (RFC 9110 §15.4.8 → 307 + Location). */
export function l5MovedTemporarily(x: RoutedExchange): boolean | Promise<boolean> {
  return movedTo(x, x.plan.resource?.movedTemporarily)
}

/** O14 "Conflict?" — the route's `conflict` callback (RFC 9110 §15.5.10 → 409). */
export function o14Conflict(x: RoutedExchange): boolean | Promise<boolean> {
  return conflicts(x)
}

/** Whether the route's `conflict` callback sees a conflict (O14, P3). */
export function conflicts(x: RoutedExchange): boolean | Promise<boolean> {
  const fact = x.plan.conflict
  if (fact === undefined) return false
  return then(call(x, fact), (answer) => answer === true)
}
