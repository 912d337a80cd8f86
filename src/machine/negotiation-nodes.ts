import { negotiateCharset, negotiateLanguage, negotiateMediaType } from '../http/index.js'
import type { RoutedExchange } from './exchange.js'

// Content negotiation, nodes C3–E6 of the webmachine v3 diagram (RFC 9110 §12.5). Each node
// records the request header it consulted in `vary` when the answer could differ by it.

type Negotiate = (header: string, offered: readonly string[]) => string | null

/**
 * Picks one of `offered` by the request's `field` (the first offer when the client sent none) and
 * records the field in Vary when there was a choice to make. `undefined` means nothing is acceptable.
 */
function choose(
  exchange: RoutedExchange,
  field: string,
  offered: readonly string[],
  negotiate: Negotiate,
): string | undefined {
  if (offered.length > 1) addVary(exchange, field)
  const header = exchange.request.headers.get(field)
  return (header === null ? offered[0] : negotiate(header, offered)) ?? undefined
}

/** Records a request field the response varies on (RFC 9110 §12.5.5), once. */
export function addVary(exchange: RoutedExchange, field: string): void {
  if (exchange.vary === undefined) exchange.vary = [field]
  else if (!exchange.vary.includes(field)) exchange.vary.push(field)
}

/** C4 "Acceptable media type?" — q-values, ranges, ties to server order (RFC 9110 §12.5.1 → 406). */
export function c4AcceptableMediaType(exchange: RoutedExchange): boolean {
  exchange.mediaType = choose(exchange, 'Accept', exchange.plan.negotiation.mediaTypes, negotiateMediaType)
  return exchange.mediaType !== undefined
}

/** D5 "Acceptable language?" (RFC 9110 §12.5.4 → 406). */
export function d5AcceptableLanguage(exchange: RoutedExchange): boolean {
  exchange.language = choose(
    exchange,
    'Accept-Language',
    exchange.plan.negotiation.languages ?? [],
    negotiateLanguage,
  )
  return exchange.language !== undefined
}

/** E6 "Acceptable charset?" (RFC 9110 §12.5.2 → 406). */
export function e6AcceptableCharset(exchange: RoutedExchange): boolean {
  exchange.charset = choose(
    exchange,
    'Accept-Charset',
    exchange.plan.negotiation.charsets ?? [],
    negotiateCharset,
  )
  return exchange.charset !== undefined
}
