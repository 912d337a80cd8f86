import { isThenable, resolvePhase } from '../di/index.js'
import { formatEntityTag, parseEntityTag } from '../http/entity-tag.js'
import type { Exchange } from './exchange.js'
import type { Fact } from './route-plan.js'

// The resource nodes: G7 and, for a missing resource, the history nodes K7, K5, L5 (webmachine v3);
// O14 for conflicts. Facts are the application's callbacks, called with the request's context.

function call(x: Exchange, fact: Fact): unknown {
  return fact.resolve(x.context)
}

function then<T>(value: unknown, next: (settled: unknown) => T | Promise<T>): T | Promise<T> {
  return isThenable(value) ? Promise.resolve(value).then(next) : next(value)
}

/**
 * G7 "Resource exists?" — resolves `resourceExists` callbacks (`null`/`undefined` → no), then the
 * resource's validators (ETag, Last-Modified) so preconditions can be answered before the handler.
 */
export function g7ResourceExists(x: Exchange): boolean | Promise<boolean> {
  const found = resolvePhase(x, 'resource')
  return then(found, (exists) => (exists === true ? loadValidators(x) : false))
}

function loadValidators(x: Exchange): boolean | Promise<boolean> {
  const resource = x.plan?.resource
  if (resource === undefined || x.creating) return true
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
export function k7PreviouslyExisted(x: Exchange): boolean | Promise<boolean> {
  const fact = x.plan?.resource?.previouslyExisted
  if (fact !== undefined) return then(call(x, fact), (answer) => answer === true)
  // Knowing where a resource moved implies it existed.
  const resource = x.plan?.resource
  return resource?.movedPermanently !== undefined || resource?.movedTemporarily !== undefined
}

function movedTo(x: Exchange, fact: Fact | undefined): boolean | Promise<boolean> {
  if (fact === undefined) return false
  return then(call(x, fact), (target) => {
    if (typeof target !== 'string' || target === '') return false
    x.location = target
    return true
  })
}

/** K5 "Moved permanently?" (RFC 9110 §15.4.2 → 301 + Location). */
export function k5MovedPermanently(x: Exchange): boolean | Promise<boolean> {
  return movedTo(x, x.plan?.resource?.movedPermanently)
}

/** L5 "Moved temporarily?" (RFC 9110 §15.4.8 → 307 + Location). */
export function l5MovedTemporarily(x: Exchange): boolean | Promise<boolean> {
  return movedTo(x, x.plan?.resource?.movedTemporarily)
}

/** O14 "Conflict?" — the route's `conflict` callback (RFC 9110 §15.5.10 → 409). */
export function o14Conflict(x: Exchange): boolean | Promise<boolean> {
  const fact = x.plan?.conflict
  if (fact === undefined) return false
  return then(call(x, fact), (answer) => answer === true)
}
