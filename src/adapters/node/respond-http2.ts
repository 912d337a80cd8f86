import type { ServerResponse } from 'node:http'
import type { Http2ServerResponse, OutgoingHttpHeaders, ServerHttp2Stream } from 'node:http2'

// RFC 9113 §8.2.2: connection-specific fields are malformed in HTTP/2 (Node refuses to send them).
const CONNECTION_SPECIFIC = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
])

/** The HTTP/2 stream under a compatibility-API response, or `undefined` for an HTTP/1.1 response. */
export function http2Stream(res: ServerResponse): ServerHttp2Stream | undefined {
  return (res as unknown as Partial<Http2ServerResponse>).stream
}

/**
 * Response header fields for HTTP/2 without the connection-specific ones (RFC 9113 §8.2.2), led by
 * the `:status` pseudo-header (§8.3.2) when a status is given.
 */
export function http2Headers(
  headers: Record<string, string | string[]>,
  status?: number,
): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = status === undefined ? {} : { ':status': status }
  for (const name in headers) if (!CONNECTION_SPECIFIC.has(name)) out[name] = headers[name]
  return out
}

/**
 * Answers an HTTP/2 request whose content is fully known (none, a string or bytes) straight on its
 * stream: one HEADERS frame, then at most one DATA run ending the stream. The compatibility API's
 * `writeHead`/`end` would re-validate every header one by one and always ask for trailers, which
 * costs an extra empty DATA frame with END_STREAM per response (RFC 9113 §8.1 allows ending the
 * stream with the last DATA frame, or with HEADERS when there is no content).
 * A stream the client already reset is left alone (nothing can be sent on it, RFC 9113 §5.1).
 */
export function respondHttp2(
  stream: ServerHttp2Stream,
  status: number,
  headers: Record<string, string | string[]>,
  content: string | Uint8Array | null,
): void {
  if (stream.destroyed || stream.closed || stream.headersSent) return
  if (content === null) {
    stream.respond(http2Headers(headers, status), { endStream: true })
    return
  }
  stream.respond(http2Headers(headers, status))
  stream.end(content)
}
