import type { IncomingMessage } from 'node:http'
import { constants, type Http2ServerRequest } from 'node:http2'
import type { TLSSocket } from 'node:tls'
import { concat } from '../../app/index.js'
import { ContentTooLarge } from '../../errors/index.js'
import { RequestHeaders, RestRequest } from '../../http/index.js'
import { splitTarget, withHost } from './request-target.js'
import { zlibEncoder } from './zlib-encoder.js'

/**
 * Builds the core request from Node's `IncomingMessage` without creating Web objects: headers are
 * parsed from `rawHeaders` only when read, and the content only when a route asks for it.
 */
export function fromIncomingMessage(message: IncomingMessage): RestRequest {
  const { path, rawQuery, authority } = splitTarget(message.url ?? '/')
  const raw = message.httpVersionMajor === 2 ? withoutPseudoHeaders(message.rawHeaders) : message.rawHeaders
  return new RestRequest({
    method: message.method ?? 'GET',
    path,
    rawQuery,
    headers: RequestHeaders.fromFlat(authority === undefined ? raw : withHost(raw, authority)),
    readBody: (limit) => readMessage(message, limit),
    remoteAddress: message.socket.remoteAddress,
    secure: (message.socket as TLSSocket).encrypted === true,
    raw: message,
    httpVersion: message.httpVersion,
    encoder: zlibEncoder,
  })
}

/**
 * HTTP/2 request fields without the pseudo-header fields (RFC 9113 §8.3), with `:authority` as
 * `Host` (§8.3.1 lets it stand in for one). A `Host` that names another authority is kept as a
 * second line, so the core refuses the request (§8.3.1: a server "SHOULD treat a request as
 * malformed" then).
 */
function withoutPseudoHeaders(raw: readonly string[]): string[] {
  const flat: string[] = []
  let authority: string | undefined
  const hosts: string[] = []
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string
    if (name.charCodeAt(0) === 58 /* ':' */) {
      if (name === ':authority') authority = raw[i + 1]
      continue
    }
    if (name.toLowerCase() === 'host') hosts.push(raw[i + 1] as string)
    else flat.push(name, raw[i + 1] as string)
  }
  if (authority !== undefined) flat.push('host', authority)
  for (const host of hosts) {
    if (authority === undefined || host.toLowerCase() !== authority.toLowerCase()) flat.push('host', host)
  }
  return flat
}

/**
 * Reads a message's content up to `limit` bytes. Past the limit it stops reading (see
 * `stopReading`) instead of buffering the rest.
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
        stopReading(message)
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

/**
 * Stops reading a message whose content went past the limit. Over HTTP/1.1 the message is paused
 * and the 413 goes out with `Connection: close` (the unread rest is never drained). Over HTTP/2 the
 * stream stays paused until the response is complete, then is reset with NO_ERROR (RFC 9113 §8.1
 * lets a server that has sent a complete response ask the client to stop sending that way) and
 * what was buffered is discarded so the stream can end. Without it the half-read stream keeps its
 * flow-control window closed and stays open until the session ends. (A stream whose content was
 * never read is closed by Node itself when the response ends.)
 */
function stopReading(message: IncomingMessage): void {
  message.pause()
  if (message.httpVersionMajor !== 2) return
  const stream = (message as unknown as Http2ServerRequest).stream
  const reset = () => {
    if (!stream.closed) stream.close(constants.NGHTTP2_NO_ERROR)
    message.resume()
  }
  if (stream.writableFinished) reset()
  else stream.once('finish', reset)
}
