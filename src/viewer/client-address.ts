import type { RestRequest } from '../http/index.js'
import { normalizeAddress, type ViewerSettings } from './viewer-options.js'

/**
 * Whether an address is the local machine's own: 127.0.0.0/8 (RFC 1122 §3.2.1.3), `::1`
 * (RFC 4291 §2.5.3), and either as an IPv4-mapped IPv6 address.
 *
 * @example
 * isLoopback('127.0.0.1') // true
 * isLoopback('192.0.2.2') // false
 */
export function isLoopback(address: string): boolean {
  const normalized = normalizeAddress(address)
  if (normalized === '::1' || normalized === '0:0:0:0:0:0:0:1') return true
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(normalized)
}

/**
 * Whether a request may see the viewer. Only the connection's own address counts
 * (`request.remoteAddress`, the socket's): a request without one (a runtime that does not say)
 * is not local. A request carrying `Forwarded` (RFC 7239) or `X-Forwarded-For` was relayed by a
 * proxy, so a loopback socket says nothing about who sent it: refused unless `allowRemote` is `true`.
 */
export function mayView(request: RestRequest, allowRemote: ViewerSettings['allowRemote']): boolean {
  if (allowRemote === true) return true
  const address = request.remoteAddress
  if (address === undefined) return false
  const headers = request.headers
  if (headers.get('forwarded') !== null || headers.get('x-forwarded-for') !== null) return false
  if (isLoopback(address)) return true
  return allowRemote !== false && allowRemote.has(normalizeAddress(address))
}
