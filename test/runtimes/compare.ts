import { headerOf, type RawAnswer } from './raw-client.js'

/**
 * Header fields a runtime may legitimately set its own way, so they are left out of the comparison:
 * - `date`: the clock (RFC 9110 §6.6.1);
 * - `connection`, `keep-alive`: hop-by-hop connection management (RFC 9110 §7.6.1), each server's own;
 * - `transfer-encoding`: message framing (RFC 9112 §6.1): chunked or not is the server's choice.
 *   A `content-length` the app sets is still compared.
 */
export const IGNORED_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding'])

/** A multipart/byteranges boundary is random per answer (RFC 9110 §14.6): compare it by position. */
const BOUNDARY = /boundary=([0-9A-Za-z'()+_,./:=?-]+)/
/** Each 500 carries its request's own random id, which the server log also names: compare its shape. */
const REQUEST_ID = /"request_id":"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"/g
/** The same id echoed in `X-Request-Id` (docs/operations.md). */
const ECHOED_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** An answer reduced to what must be the same everywhere: status, compared headers, body text. */
export interface Comparable {
  status: number
  headers: Record<string, string>
  body: string
}

/**
 * The comparable part of an answer: header names lower-cased (they are case-insensitive, RFC 9110
 * §5.1) and sorted (the order of different fields carries no meaning, §5.3), repeated fields joined, ignored fields dropped, the byteranges boundary named `BOUNDARY`,
 * a random request id (in a 500's body and in `X-Request-Id`) named `REQUEST_ID`.
 */
export function comparable(answer: RawAnswer): Comparable {
  const names = [...new Set(answer.headers.map(([name]) => name.toLowerCase()))]
    .filter((name) => !IGNORED_HEADERS.has(name))
    .sort()
  const boundary = BOUNDARY.exec(headerOf(answer, 'content-type') ?? '')?.[1]
  const unbound = (text: string) =>
    (boundary === undefined ? text : text.replaceAll(boundary, 'BOUNDARY')).replace(
      REQUEST_ID,
      '"request_id":"REQUEST_ID"',
    )
  const headers: Record<string, string> = {}
  for (const name of names) headers[name] = unbound(headerOf(answer, name) ?? '')
  if (ECHOED_ID.test(headers['x-request-id'] ?? '')) headers['x-request-id'] = 'REQUEST_ID'
  return { status: answer.status, headers, body: unbound(answer.body.toString('latin1')) }
}
