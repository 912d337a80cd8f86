import type { CompressionPolicy } from '../http/index.js'
import { negotiateEncoding } from '../http/index.js'
import type { RoutedExchange } from './exchange.js'
import { addVary } from './negotiation-nodes.js'

/**
 * F7 "Acceptable content coding?" — on a route that compresses, picks the coding from
 * Accept-Encoding (RFC 9110 §12.5.3) among the route's codings that this runtime can apply, in the
 * route's order on ties; `identity` when the client prefers it or accepts none of them. The answer
 * is 406 only where §12.5.3 leaves no other: identity refused (`identity;q=0`, or `*;q=0` without an
 * entry for identity) and no offered coding acceptable. Every response of such a route varies on
 * Accept-Encoding (§12.5.5), identity ones included, since another request could be compressed.
 */
export function f7AcceptableEncoding(exchange: RoutedExchange): boolean {
  addVary(exchange, 'Accept-Encoding')
  const header = exchange.request.headers.get('accept-encoding')
  // No field: every coding is acceptable (§12.5.3), but nothing says the client can decode one, so
  // the server picks identity, which is among them.
  if (header === null) {
    exchange.encoding = 'identity'
    return true
  }
  const available = exchange.request.encoder.codings
  const offered = (exchange.plan.compression as CompressionPolicy).codings.filter((coding) =>
    available.includes(coding),
  )
  // Identity last: it wins only when the client weighs it above every coding (ties go to a coding).
  offered.push('identity')
  const coding = negotiateEncoding(header, offered)
  if (coding === null) return false
  exchange.encoding = coding
  return true
}
