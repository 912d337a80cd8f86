import { ConfigurationError } from '../errors/index.js'
import {
  CONTENT_CODINGS,
  type CompressionPolicy,
  type ContentCodingName,
  isCompressibleMediaType,
} from '../http/index.js'

/**
 * How responses are compressed (RFC 9110 §8.4). `compression: true` takes every default, which are
 * safe to turn on: the smaller codings first, only text-like media types, nothing under 1 KiB.
 *
 * @example
 * new RestApplication({ compression: { encodings: ['gzip'], threshold: 2048 } })
 */
export interface CompressionOptions {
  /**
   * The codings offered, in order of preference (used on ties of the client's q-values). Each is
   * offered only where the runtime can apply it: node:zlib has `br`, `gzip`, `deflate` (and `zstd`
   * in Node versions whose zlib has it), `CompressionStream` on Fetch runtimes `gzip` and `deflate`.
   * Default `['br', 'zstd', 'gzip']`.
   */
  encodings?: readonly ContentCodingName[]
  /** Smallest content compressed, in bytes; streams of unknown length always are. Default 1024. */
  threshold?: number
  /**
   * Which media types (`type/subtype`, lower-case) are worth compressing. Default: text (not
   * `text/event-stream`), JSON, XML, JavaScript, `+json`/`+xml` types, SVG, WASM.
   */
  compressible?: (mediaType: string) => boolean
}

/** The codings offered when the options name none. */
export const DEFAULT_ENCODINGS: readonly ContentCodingName[] = ['br', 'zstd', 'gzip']
/** The threshold when the options give none. */
export const DEFAULT_COMPRESSION_THRESHOLD = 1024

/**
 * A route's compression policy from its own setting and the application's: `false` turns it off for
 * the route, `true` takes the application's settings (or the defaults), options override the
 * application's one by one. `undefined` when the route does not compress.
 *
 * @example
 * compressionPolicy(undefined, true, 'route GET /doc') // { codings: ['br', 'zstd', 'gzip'], threshold: 1024, … }
 */
export function compressionPolicy(
  route: boolean | CompressionOptions | undefined,
  app: boolean | CompressionOptions | undefined,
  owner: string,
): CompressionPolicy | undefined {
  if (route === false || (route === undefined && (app === undefined || app === false))) return undefined
  const base = typeof app === 'object' ? app : {}
  const own = typeof route === 'object' ? route : {}
  const codings = own.encodings ?? base.encodings ?? DEFAULT_ENCODINGS
  const threshold = own.threshold ?? base.threshold ?? DEFAULT_COMPRESSION_THRESHOLD
  for (const coding of codings) {
    if (!CONTENT_CODINGS.includes(coding)) {
      throw new ConfigurationError(
        `${owner}: compression: unknown coding '${coding}' (use ${CONTENT_CODINGS.join(', ')})`,
      )
    }
  }
  if (!Number.isFinite(threshold) || threshold < 0) {
    throw new ConfigurationError(`${owner}: compression: threshold must be a number of bytes ≥ 0`)
  }
  return {
    codings: [...codings],
    threshold,
    compressible: own.compressible ?? base.compressible ?? isCompressibleMediaType,
  }
}
