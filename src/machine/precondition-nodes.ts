import {
  type EntityTagComparison,
  isModifiedSince,
  matchedForm,
  matchesAny,
  parseEntityTagList,
  parseHttpDate,
} from '../http/index.js'
import type { RoutedExchange } from './exchange.js'

// Conditional requests, nodes G8–L17, evaluated in the order of RFC 9110 §13.2.2 after the resource
// check (G7) and before the content is processed. They run only for a resource that exists; a
// resource being created by PUT takes the I7 → H7 branch instead (creation-nodes.ts).

const header = (exchange: RoutedExchange, name: string) => exchange.request.headers.get(name)
const isGetOrHead = (exchange: RoutedExchange) =>
  exchange.request.method === 'GET' || exchange.request.method === 'HEAD'

/** G8 "If-Match exists?" */
export function g8IfMatchExists(exchange: RoutedExchange): boolean {
  return header(exchange, 'if-match') !== null
}

/**
 * Whether the listed tags name the current representation. Where a method of this path compresses,
 * the tag of an encoded form (`"v1-gzip"`, RFC 9110 §8.8.3) names it too: the state it was made
 * from is current. So a client that read the gzip form can still write with If-Match.
 */
function listMatches(exchange: RoutedExchange, field: string, comparison: EntityTagComparison): boolean {
  const value = header(exchange, field) as string
  const codings = exchange.entry.codings
  // The field is exactly the current (normalized) tag, as a client echoing the ETag it was sent
  // writes it: it matches without parsing, weakly always, strongly when the tag is strong
  // (RFC 9110 §8.8.3.2).
  if (codings === undefined && value === exchange.etag && (comparison === 'weak' || !value.startsWith('W/')))
    return true
  const list = parseEntityTagList(value)
  if (list === '*') return true
  if (codings === undefined) return matchesAny(list, exchange.etag, comparison)
  return matchedForm(list, exchange.etag, comparison, codings) !== null
}

/** G11 "If-Match matches?" — strong comparison; `*` is true iff a representation exists (§13.1.1 → 412). */
export function g11IfMatchMatches(exchange: RoutedExchange): boolean {
  return listMatches(exchange, 'if-match', 'strong')
}

function validDate(exchange: RoutedExchange, name: string): number | null {
  const value = header(exchange, name)
  // Invalid dates are ignored (RFC 9110 §13.1.3, §13.1.4).
  return value === null ? null : parseHttpDate(value)
}

/** H10 "If-Unmodified-Since applies?" — only without If-Match, with a valid date and a known Last-Modified. */
export function h10IfUnmodifiedSinceApplies(exchange: RoutedExchange): boolean {
  return exchange.lastModified !== undefined && validDate(exchange, 'if-unmodified-since') !== null
}

/** H12 "Modified since If-Unmodified-Since?" (§13.1.4 → 412). */
export function h12ModifiedSinceUnmodifiedSince(exchange: RoutedExchange): boolean {
  return isModifiedSince(
    exchange.lastModified as number,
    validDate(exchange, 'if-unmodified-since') as number,
  )
}

/** I12 "If-None-Match exists?" */
export function i12IfNoneMatchExists(exchange: RoutedExchange): boolean {
  return header(exchange, 'if-none-match') !== null
}

/** K13 "If-None-Match matches?" — weak comparison; `*` is true iff a representation exists (§13.1.2). */
export function k13IfNoneMatchMatches(exchange: RoutedExchange): boolean {
  return listMatches(exchange, 'if-none-match', 'weak')
}

/** J18 "GET or HEAD?" — a matching If-None-Match is 304 for them, 412 for other methods (§13.1.2). */
export function j18GetOrHead(exchange: RoutedExchange): boolean {
  return isGetOrHead(exchange)
}

/**
 * L13 "If-Modified-Since applies?" — GET/HEAD only, only without If-None-Match, with a valid date
 * that is not in the future, and a known Last-Modified (§13.1.3).
 */
export function l13IfModifiedSinceApplies(exchange: RoutedExchange): boolean {
  if (!isGetOrHead(exchange) || exchange.lastModified === undefined) return false
  const since = validDate(exchange, 'if-modified-since')
  return since !== null && since <= Date.now()
}

/** L17 "Modified since If-Modified-Since?" — if not, 304 (§13.1.3). */
export function l17ModifiedSince(exchange: RoutedExchange): boolean {
  return isModifiedSince(exchange.lastModified as number, validDate(exchange, 'if-modified-since') as number)
}
