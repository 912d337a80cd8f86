import type { RequestLogger } from '../di/index.js'
import { isBodylessStatus, type RestResponse } from '../http/index.js'
import type { Exchange } from '../machine/index.js'

/**
 * Writes one request's access line at `info`: `{ requestId, method, route, status, durationMs,
 * bytes, client }`, plus `node` (the decision node that answered) when the status is an error.
 * `route` is the matched template, never the path (a path can carry tokens); no header value is
 * ever part of the line. `durationMs` runs until the response is handed to the adapter; `bytes` is
 * the content's size, `null` for a stream without `Content-Length`.
 */
export function logAccess(
  logger: RequestLogger,
  exchange: Exchange,
  response: RestResponse,
  startedAt: number,
): void {
  const request = exchange.request
  const status = response.status
  const line: Record<string, unknown> = {
    requestId: exchange.requestId,
    method: request.method,
    route: exchange.entry?.template ?? null,
    status,
    durationMs: Math.round((performance.now() - startedAt) * 1000) / 1000,
    bytes: request.method === 'HEAD' || isBodylessStatus(status) ? 0 : contentBytes(response),
    client: request.remoteAddress ?? null,
  }
  if (status >= 400) line.node = exchange.answeredBy ?? null
  logger.info(line, 'request completed')
}

/** The size of a response's content in bytes, or `null` when it is a stream of unknown length. */
function contentBytes(response: RestResponse): number | null {
  const body = response.body
  if (body === null) return 0
  if (typeof body === 'string') return utf8Length(body)
  if (body instanceof Uint8Array) return body.byteLength
  const declared = response.headers['content-length']
  return typeof declared === 'string' && /^\d+$/.test(declared) ? Number(declared) : null
}

/** The UTF-8 length of a string, counted without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) bytes += 1
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1)
      // A surrogate pair: 4 bytes for 2 UTF-16 units.
      if (low >= 0xdc00 && low <= 0xdfff) {
        bytes += 2
        i++
      } else bytes += 2
    } else bytes += 2
  }
  return bytes
}
