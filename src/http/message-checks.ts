import type { RestRequest } from './rest-request.js'

// RFC 9110 §7.2: Host = uri-host [ ":" port ]; RFC 3986 §3.2.2: host = IP-literal / IPv4address /
// reg-name, reg-name = *( unreserved / pct-encoded / sub-delims ), §3.2.3: port = *DIGIT. The comma
// (a sub-delim) is left out: in a Host value it is what repeated lines joined by a proxy or a Web
// `Headers` object look like (RFC 9110 §5.3), and no DNS name has one.
const REG_NAME = "(?:[A-Za-z0-9\\-._~!$&'()*+;=]|%[0-9A-Fa-f]{2})*"
const IP_LITERAL = "\\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\\.[A-Za-z0-9\\-._~!$&'()*+,;=:]+)\\]"
const HOST = new RegExp(`^(?:${IP_LITERAL}|${REG_NAME})(?::[0-9]*)?$`)

/**
 * Why a request cannot be served, by the message rules a server applies before looking at the
 * target resource, or `undefined` when there is nothing wrong. The caller answers 400 with it. The
 * reasons never quote the request. Only requests whose adapter read the HTTP message itself (it
 * passes `httpVersion`, as the Node adapter does) are checked: a Lambda front door or a Fetch
 * runtime's server parsed the message before the adapter saw it.
 *
 * - The request target of a method other than CONNECT is in origin-form, or `*` for OPTIONS
 *   (RFC 9112 §3.2; an adapter turns absolute-form into origin-form plus `Host`, §3.2.2).
 * - RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1
 *   request message that lacks a Host header field and to any request message that contains more
 *   than one Host header field line or a Host header field with an invalid field value."
 *   An HTTP/2 request needs `:authority` or `Host` too (RFC 9113 §8.3.1).
 *
 * @example
 * malformedRequest(request) // 'The request has more than one Host header field (RFC 9112 §3.2)'
 * @internal
 */
export function malformedRequest(request: RestRequest): string | undefined {
  const version = request.httpVersion
  if (version === undefined) return undefined
  const path = request.path
  if (path.charCodeAt(0) !== 47 /* '/' */ && !(path === '*' && request.method === 'OPTIONS')) {
    return 'The request target is malformed (RFC 9112 §3.2)'
  }
  const hosts = request.headers.getAll('host')
  if (hosts.length === 1) {
    return HOST.test(hosts[0] as string) ? undefined : 'The Host header field is invalid (RFC 9112 §3.2)'
  }
  if (hosts.length > 1) return 'The request has more than one Host header field (RFC 9112 §3.2)'
  // HTTP/1.0 predates Host.
  return version === '1.0' || version === '0.9'
    ? undefined
    : 'The request has no Host header field (RFC 9112 §3.2)'
}
