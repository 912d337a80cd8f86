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
 * A loopback client must also name a loopback host: a page of another site whose name was made to
 * resolve to 127.0.0.1 (DNS rebinding) sends its own name in `Host`, and is refused.
 */
export function mayView(request: RestRequest, allowRemote: ViewerSettings['allowRemote']): boolean {
  if (allowRemote === true) return true
  const address = request.remoteAddress
  if (address === undefined) return false
  const headers = request.headers
  if (headers.get('forwarded') !== null || headers.get('x-forwarded-for') !== null) return false
  if (isLoopback(address)) return namesLoopback(headers.get('host'))
  return allowRemote !== false && allowRemote.has(normalizeAddress(address))
}

/**
 * Whether a `Host` value (RFC 9110 §7.2: a name or an address, and a port) names this machine:
 * `localhost` and its subdomains (RFC 6761 §6.3), or a loopback address (IPv6 in brackets).
 */
function namesLoopback(host: string | null): boolean {
  if (host === null) return false
  const lower = host.toLowerCase()
  const name = lower.startsWith('[') ? lower.slice(1, lower.indexOf(']')) : lower.replace(/:\d*$/, '')
  return name === 'localhost' || name.endsWith('.localhost') || isLoopback(name)
}
