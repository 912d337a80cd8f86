import { parseMediaType } from './media-type.js'
import type { ResponseBody } from './rest-response.js'

/** The content codings RestMachine can negotiate (RFC 9110 §8.4.1; zstd: RFC 8878). */
export type ContentCodingName = 'br' | 'zstd' | 'gzip' | 'deflate'

/** Every {@link ContentCodingName}, for checking configuration. */
export const CONTENT_CODINGS: readonly ContentCodingName[] = ['br', 'zstd', 'gzip', 'deflate']

/**
 * What a runtime can compress with: the content codings it can apply and a streaming compressor for
 * each. The Node adapter brings node:zlib's (`br`, `gzip`, `deflate`, and `zstd` where that zlib has
 * it); elsewhere a request carries the Web one, `CompressionStream` (`gzip`, `deflate`).
 */
export interface ContentEncoder {
  /** The codings {@link ContentEncoder.encode} accepts, lower-case. */
  readonly codings: readonly string[]
  /** The body encoded with `coding` (one of `codings`), produced while it is read. */
  encode(
    coding: string,
    body: NonNullable<ResponseBody>,
  ): ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>
  /**
   * Optional: content already in memory, of at most {@link ContentEncoder.wholeLimit} bytes, encoded
   * in one call. Where a runtime has it, a small body is compressed at once instead of through a
   * stream, and so goes out with a `Content-Length` instead of chunked.
   */
  encodeWhole?(coding: string, content: string | Uint8Array): Uint8Array
  /** The largest content, in bytes, {@link ContentEncoder.encodeWhole} is given (0 when absent). */
  readonly wholeLimit?: number
}

/** A route's compression settings, compiled at start-up. */
export interface CompressionPolicy {
  /** The codings the route offers, in server preference order (used where the runtime has them). */
  readonly codings: readonly string[]
  /** Smallest content, in bytes, worth compressing; content of unknown length always is. */
  readonly threshold: number
  /** Whether content of a media type (lower-case `type/subtype`, no parameters) is worth compressing. */
  readonly compressible: (mediaType: string) => boolean
}

const COMPRESSIBLE_APPLICATION = new Set([
  'application/json',
  'application/javascript',
  'application/ecmascript',
  'application/xml',
  'application/x-www-form-urlencoded',
  'application/graphql-response+json',
  'application/wasm',
  'application/x-ndjson',
  'application/yaml',
  'image/svg+xml',
])

/**
 * The default {@link CompressionPolicy.compressible}: text (but not `text/event-stream`, whose
 * events a compressor would hold back), JSON, XML and JavaScript, `+json`/`+xml` types, SVG, WASM.
 * Images, audio, video, archives and fonts are compressed already and are left alone.
 *
 * @example
 * isCompressibleMediaType('application/problem+json') // true
 * isCompressibleMediaType('image/png') // false
 */
export function isCompressibleMediaType(mediaType: string): boolean {
  if (mediaType.startsWith('text/')) return mediaType !== 'text/event-stream'
  return (
    COMPRESSIBLE_APPLICATION.has(mediaType) ||
    (mediaType.startsWith('application/') && (mediaType.endsWith('+json') || mediaType.endsWith('+xml')))
  )
}

/**
 * Whether a response's content is worth compressing under `policy`: its `Content-Type` is
 * compressible (a response without one is not) and its size, where known, reaches the threshold.
 *
 * @example
 * worthCompressing(policy, { 'content-type': 'application/json' }, '{"a":1}') // false below the threshold
 */
export function worthCompressing(
  policy: CompressionPolicy,
  headers: Readonly<Record<string, string | string[]>>,
  body: NonNullable<ResponseBody>,
): boolean {
  const contentType = headers['content-type']
  if (typeof contentType !== 'string') return false
  const mediaType = parseMediaType(contentType)
  if (mediaType === null || !policy.compressible(mediaType.essence)) return false
  return knownSize(headers, body) >= policy.threshold
}

/** The content's size in bytes, as far as it is known without reading it (else infinity). */
function knownSize(headers: Readonly<Record<string, string | string[]>>, body: NonNullable<ResponseBody>) {
  // A string's UTF-8 length is at least its UTF-16 length, so comparing that to the threshold never
  // skips content that reaches it.
  if (typeof body === 'string') return body.length
  if (body instanceof Uint8Array) return body.byteLength
  const declared = headers['content-length']
  return typeof declared === 'string' ? Number(declared) : Number.POSITIVE_INFINITY
}
