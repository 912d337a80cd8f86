import type { RestResponse } from '../http/index.js'
import {
  type CompressionPolicy,
  encodedEntityTag,
  matchedForm,
  negotiateEncoding,
  parseEntityTagList,
  worthCompressing,
} from '../http/index.js'
import type { Exchange } from '../machine/index.js'

/**
 * Applies the content coding F7 chose to a finished response (RFC 9110 §8.4), after every decision
 * of the run: the 304/412 preconditions compared the identity representation's tag, so only what is
 * sent changes. Small content held in memory is encoded in one call where the runtime can (its new
 * `Content-Length` set); anything else is piped through the runtime's streaming compressor, with
 * `Content-Length` dropped (the length is not known until the end). `Content-Encoding` is set, and a strong `ETag`
 * becomes the encoded form's own (§8.8.3). Left as they are: HEAD, 204, 304, 206 and other
 * responses without content, a request for ranges on a route that serves them (a range applies to
 * the identity form, RFC 9110 §14.1.1), content that has a coding already, and content not worth
 * compressing (media type, size) unless the client refused identity.
 */
export function encodeResponse(exchange: Exchange, response: RestResponse): RestResponse {
  const coding = exchange.encoding
  const { headers, body, status } = response
  if (
    coding === 'identity' ||
    body === null ||
    status < 200 ||
    status === 204 ||
    status === 206 ||
    status === 304 ||
    exchange.request.method === 'HEAD' ||
    headers['content-encoding'] !== undefined
  ) {
    return response
  }
  const plan = exchange.plan
  if (plan?.ranges === true && exchange.request.headers.get('range') !== null) return response
  const policy = plan?.compression as CompressionPolicy
  if (!worthCompressing(policy, headers, body) && identityAcceptable(exchange)) return response
  const encoder = exchange.request.encoder
  headers['content-encoding'] = coding as string
  const whole = inMemorySize(body) <= (encoder.wholeLimit ?? 0) ? encoder.encodeWhole : undefined
  if (whole !== undefined) {
    // Small content already in memory: encoded in one call, its length known (decision 0496).
    const encoded = whole(coding as string, body as string | Uint8Array)
    response.body = encoded
    headers['content-length'] = String(encoded.byteLength)
  } else {
    response.body = encoder.encode(coding as string, body)
    delete headers['content-length']
  }
  // Byte ranges are served of the identity form only; a client must not resume this one with them.
  delete headers['accept-ranges']
  const etag = headers.etag
  if (typeof etag === 'string') headers.etag = encodedEntityTag(etag, coding as string)
  return response
}

/**
 * The UTF-8 size bound of content held in memory (infinity for a stream): a string's UTF-8 length is
 * at most three bytes per UTF-16 unit.
 */
function inMemorySize(body: NonNullable<RestResponse['body']>): number {
  if (typeof body === 'string') return body.length * 3
  return body instanceof Uint8Array ? body.byteLength : Number.POSITIVE_INFINITY
}

/** Whether Accept-Encoding lets the response go out without a coding (RFC 9110 §12.5.3). */
function identityAcceptable(exchange: Exchange): boolean {
  return negotiateEncoding(exchange.request.headers.get('accept-encoding'), []) !== null
}

/**
 * The `ETag` of a 304 on a route that compresses: the tag of the form the client's If-None-Match
 * named (RFC 9110 §15.4.5: the 304 carries what the 200 would have), so a cache freshens the
 * response it holds, whether it holds the identity or an encoded form.
 */
export function notModifiedTag(exchange: Exchange, etag: string): string {
  const policy = exchange.plan?.compression
  const field = exchange.request.headers.get('if-none-match')
  if (policy === undefined || field === null) return etag
  const form = matchedForm(parseEntityTagList(field), etag, 'weak', policy.codings)
  return form === null || form === 'identity' ? etag : encodedEntityTag(etag, form)
}
