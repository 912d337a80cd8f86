import { resolvePhase } from '../di/index.js'
import { ContentTooLarge } from '../errors/index.js'
import { isJsonMediaType } from '../http/index.js'
import type { RoutedExchange } from './exchange.js'

// Content nodes. RFC 9110 §13.2.1 has preconditions evaluated before the request
// content is processed, so the content checks (webmachine's B6–B4) come after G7 and the
// precondition block here; see docs/decisions/0002-content-checks-after-preconditions.md.

/**
 * B4 "Content too large?" — a declared `Content-Length` over the limit is refused before reading
 * (RFC 9110 §15.5.14); for routes that read the content, it is read now, bounded by the limit.
 */
export function b4ContentTooLarge(exchange: RoutedExchange): boolean | Promise<boolean> {
  const plan = exchange.plan
  const declared = exchange.request.headers.get('content-length')
  if (declared !== null && Number(declared) > plan.bodyLimit) return true
  if (!plan.readsBody) return false
  exchange.request.bodyLimit = plan.bodyLimit
  return exchange.request.bytes().then(
    () => false,
    (error: unknown) => {
      if (error instanceof ContentTooLarge) return true
      throw error
    },
  )
}

/**
 * B5 "Known content type?" — a route that parses JSON accepts only JSON media types; one that parses
 * by content type accepts what its `accepts` list and the registered parsers allow (→ 415).
 */
export function b5KnownContentType(exchange: RoutedExchange): boolean {
  const plan = exchange.plan
  const contentType = exchange.request.headers.get('content-type')
  if (plan.readsJson && (contentType === null || !isJsonMediaType(contentType))) return false
  return plan.acceptsContentType === undefined || plan.acceptsContentType(contentType)
}

/** B6 "Valid content headers?" — only identity content coding is understood (RFC 9110 §8.4.1 → 415). */
export function b6ValidContentHeaders(exchange: RoutedExchange): boolean {
  const coding = exchange.request.headers.get('content-encoding')
  return coding === null || coding.trim().toLowerCase() === 'identity' || coding.trim() === ''
}

/** INPUT "Input valid?" — resolves the body, validators and what depends on them (→ 400 / 422). */
export function inputValid(exchange: RoutedExchange): boolean | Promise<boolean> {
  return resolvePhase(exchange, 'input')
}
