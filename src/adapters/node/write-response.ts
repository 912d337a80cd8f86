import type { ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { RestResponse } from '../../http/index.js'
import { isBodylessStatus } from '../../http/index.js'
import { http2Headers, http2Stream, respondHttp2 } from './respond-http2.js'

/**
 * Writes a core response to Node's `ServerResponse`. Strings and bytes get an exact
 * `Content-Length`; streams are piped with back-pressure; HEAD gets the headers a GET would have
 * (RFC 9110 §9.3.2) and no content; 204/304 never get content or `Content-Length: 0`.
 */
export function writeResponse(
  response: RestResponse,
  res: ServerResponse,
  method: string,
): void | Promise<void> {
  const { status, headers, body } = response
  const stream = http2Stream(res)
  if (body === null || isBodylessStatus(status)) {
    if (stream !== undefined) return respondHttp2(stream, status, headers, null)
    res.writeHead(status, headers)
    res.end()
    return
  }
  if (typeof body === 'string' || body instanceof Uint8Array) {
    if (headers['content-length'] === undefined) {
      headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength)
    }
    if (stream !== undefined) return respondHttp2(stream, status, headers, method === 'HEAD' ? null : body)
    res.writeHead(status, headers)
    if (method === 'HEAD') res.end()
    else res.end(body)
    return
  }
  // A streamed body over HTTP/2 keeps the compatibility API, which handles back-pressure and resets.
  res.writeHead(status, stream === undefined ? headers : (http2Headers(headers) as never))
  if (method === 'HEAD') {
    res.end()
    return
  }
  // A Node stream (a compressor's output) is piped as it is; anything else is wrapped as one.
  const source =
    body instanceof Readable
      ? body
      : body instanceof ReadableStream
        ? Readable.fromWeb(body as never)
        : Readable.from(body)
  return pipeline(source, res).catch(() => {
    // The client went away or the stream failed mid-response; the socket is already destroyed.
  })
}
