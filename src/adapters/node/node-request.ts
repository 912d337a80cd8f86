import type { IncomingMessage } from 'node:http'
import type { TLSSocket } from 'node:tls'
import { concat } from '../../app/read-body.js'
import { ContentTooLarge } from '../../errors/status-errors.js'
import { RequestHeaders } from '../../http/request-headers.js'
import { RestRequest } from '../../http/rest-request.js'

/**
 * Builds the core request from Node's `IncomingMessage` without creating Web objects: headers are
 * parsed from `rawHeaders` only when read, and the content only when a route asks for it.
 */
export function fromIncomingMessage(message: IncomingMessage): RestRequest {
  const target = message.url ?? '/'
  const query = target.indexOf('?')
  return new RestRequest({
    method: message.method ?? 'GET',
    path: query === -1 ? target : target.slice(0, query),
    rawQuery: query === -1 ? '' : target.slice(query + 1),
    headers: RequestHeaders.fromFlat(
      message.httpVersionMajor === 2 ? withoutPseudoHeaders(message.rawHeaders) : message.rawHeaders,
    ),
    readBody: (limit) => readMessage(message, limit),
    remoteAddress: message.socket.remoteAddress,
    secure: (message.socket as TLSSocket).encrypted === true,
    raw: message,
  })
}

/**
 * HTTP/2 request fields without the pseudo-header fields (RFC 9113 §8.3), with `:authority` as
 * `Host` when the client sent no `Host` (§8.3.1 lets it stand in for one).
 */
function withoutPseudoHeaders(raw: readonly string[]): string[] {
  const flat: string[] = []
  let authority: string | undefined
  let host = false
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string
    if (name.charCodeAt(0) === 58 /* ':' */) {
      if (name === ':authority') authority = raw[i + 1]
      continue
    }
    if (name.toLowerCase() === 'host') host = true
    flat.push(name, raw[i + 1] as string)
  }
  if (!host && authority !== undefined) flat.push('host', authority)
  return flat
}

/**
 * Reads a message's content up to `limit` bytes. Past the limit it stops reading (the response is
 * sent with `Connection: close`) instead of buffering the rest.
 */
function readMessage(message: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = []
    let size = 0
    const cleanup = () => {
      message.off('data', onData)
      message.off('end', onEnd)
      message.off('error', onError)
      message.off('aborted', onAborted)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength
      if (size > limit) {
        cleanup()
        message.pause()
        reject(new ContentTooLarge(`Request body exceeds the limit of ${limit} bytes`))
        return
      }
      parts.push(chunk)
    }
    const onEnd = () => {
      cleanup()
      resolve(concat(parts, size))
    }
    const onError = (error: Error) => {
      cleanup()
      reject(error)
    }
    const onAborted = () => onError(new Error('The client aborted the request'))
    message.on('data', onData)
    message.on('end', onEnd)
    message.on('error', onError)
    message.on('aborted', onAborted)
  })
}
