import type { RestRequest } from '../http/index.js'
import type { TelemetryAttributes } from './telemetry-api.js'

/** The methods OpenTelemetry's HTTP conventions know by name (RFC 9110 §9 and PATCH, RFC 5789). */
const KNOWN_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
])

/**
 * The method as the HTTP semantic conventions record it: known methods as they are, any other as
 * `_OTHER` (its original then goes in `http.request.method_original`), so a client cannot make
 * span names and attribute values unbounded.
 */
export function conventionalMethod(method: string): string {
  return KNOWN_METHODS.has(method) ? method : '_OTHER'
}

/**
 * The attributes of an HTTP server span known when the request arrives, by the stable HTTP
 * semantic conventions: `http.request.method`, `url.path`, `url.scheme`, `server.address` and
 * `server.port` (from `Host`, RFC 9110 §7.2), `client.address` (the connection's peer, when the
 * adapter knows it), `user_agent.original`, `network.protocol.version`. The query is left out: it
 * often carries secrets.
 *
 * @example
 * requestAttributes(request) // { 'http.request.method': 'GET', 'url.path': '/users/7', … }
 */
export function requestAttributes(request: RestRequest): TelemetryAttributes {
  const method = conventionalMethod(request.method)
  const attributes: TelemetryAttributes = {
    'http.request.method': method,
    'url.path': request.path,
    'url.scheme': request.secure ? 'https' : 'http',
  }
  if (method === '_OTHER') attributes['http.request.method_original'] = request.method
  const host = request.headers.get('host')
  if (host !== null) {
    const { address, port } = splitHost(host)
    attributes['server.address'] = address
    if (port !== undefined) attributes['server.port'] = port
  }
  if (request.remoteAddress !== undefined) attributes['client.address'] = request.remoteAddress
  const userAgent = request.headers.get('user-agent')
  if (userAgent !== null) attributes['user_agent.original'] = userAgent
  if (request.httpVersion !== undefined) attributes['network.protocol.version'] = request.httpVersion
  return attributes
}

/** `Host`'s name and port (RFC 3986 §3.2.2: an IPv6 literal is bracketed). */
function splitHost(host: string): { address: string; port: number | undefined } {
  const colon = host.lastIndexOf(':')
  const hasPort = colon !== -1 && !host.endsWith(']')
  const name = hasPort ? host.slice(0, colon) : host
  const port = hasPort ? Number(host.slice(colon + 1)) : Number.NaN
  const address = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name
  return { address, port: Number.isInteger(port) ? port : undefined }
}
