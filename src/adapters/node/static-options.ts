import type { CompressionOptions } from '../../app/index.js'

/** The codings a precompressed sibling can carry, and the extension each is found under. */
export const SIBLING_EXTENSIONS = { br: 'br', zstd: 'zst', gzip: 'gz' } as const

/** A coding a precompressed sibling file can carry: `br` (`.br`), `zstd` (`.zst`), `gzip` (`.gz`). */
export type PrecompressedCoding = keyof typeof SIBLING_EXTENSIONS

/**
 * `Cache-Control` per file: one value for every file, a function of the file's path under the root,
 * or `[pattern, value]` pairs tried in order on that path (no match: none).
 */
export type StaticCacheControl =
  | string
  | ((file: string) => string | undefined)
  | readonly (readonly [pattern: RegExp, value: string])[]

/** Options of {@link serveStatic}. */
export interface ServeStaticOptions {
  /** The directory served. It must exist when `serveStatic` is called; nothing outside it is ever sent. */
  root: string
  /** The file a directory is served by, asked for with a trailing `/` (`false`: none). Default `'index.html'`. */
  index?: string | false
  /**
   * Codings of precompressed siblings to look for (`site.css.br`, `.zst`, `.gz`), in order of
   * preference; one is sent when it exists, is not older than the file and the client accepts its
   * coding. `false` or `[]`: none. Default `['br', 'gzip']`.
   */
  precompressed?: readonly PrecompressedCoding[] | false
  /**
   * `Cache-Control` of 200, 206 and 304 responses. Default {@link defaultStaticCacheControl}: a year
   * and `immutable` for names that carry a content hash (`app.3f9a1c2b.js`), `no-cache` (revalidate
   * with the ETag each time) for the rest. `false`: none.
   */
  cacheControl?: StaticCacheControl | false
  /** Whether names starting with `.` (`.env`, `.git/`) may be served. Default `false`: they are 404. */
  dotfiles?: boolean
  /** More `Content-Type`s by extension (lower-case, no dot), e.g. `{ glb: 'model/gltf-binary' }`. */
  mediaTypes?: Readonly<Record<string, string>>
  /**
   * Compression while sending, of files that have no precompressed sibling: the application's
   * setting unless given here (see `compression` in the route options).
   */
  compression?: boolean | CompressionOptions
  /**
   * The name of the resource the route injects (one per `serveStatic` call). Default: from the
   * prefix, `staticFiles` for `/`, `staticAssets` for `/assets`, `staticPublicImg` for `/public/img`.
   */
  name?: string
}

// A name that carries a content hash, as bundlers write them: `app.3f9a1c2b.js`, `index-BvZb1Yq3.css`.
// At least 8 characters with a digit among them, between `.`/`-` and the extension.
const HASHED_NAME = /[.-](?=[A-Za-z0-9_]*\d)[A-Za-z0-9_]{8,}\.[A-Za-z0-9]+$/

/**
 * The default `Cache-Control` of a static file: `public, max-age=31536000, immutable` when its name
 * carries a content hash (a new version gets a new name, so the old one never changes, RFC 8246),
 * `no-cache` otherwise (a cache may keep it, but revalidates it each time: a 304 when unchanged).
 *
 * @example
 * defaultStaticCacheControl('js/app.3f9a1c2b.js') // 'public, max-age=31536000, immutable'
 * defaultStaticCacheControl('index.html') // 'no-cache'
 */
export function defaultStaticCacheControl(file: string): string {
  return HASHED_NAME.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache'
}

/** The `Cache-Control` function of a setting, `undefined` for none. */
export function cacheControlOf(
  setting: StaticCacheControl | false | undefined,
): ((file: string) => string | undefined) | undefined {
  if (setting === false) return undefined
  if (setting === undefined) return defaultStaticCacheControl
  if (typeof setting === 'string') return () => setting
  if (typeof setting === 'function') return setting
  const rules = setting.map(
    ([pattern, value]) => [new RegExp(pattern.source, pattern.flags.replace('g', '')), value] as const,
  )
  return (file) => rules.find(([pattern]) => pattern.test(file))?.[1]
}

/**
 * The route's compression: with precompressed siblings, the route always negotiates a coding (F7:
 * `Vary: Accept-Encoding`, the encoded forms' ETags recognised in conditional requests), and
 * compresses while sending only where the application (or `compression`) says so.
 */
export function routeCompression(
  precompressed: readonly PrecompressedCoding[],
  own: boolean | CompressionOptions | undefined,
  app: boolean | CompressionOptions | undefined,
  defaults: readonly string[],
): boolean | CompressionOptions | undefined {
  if (precompressed.length === 0) return own
  const setting = own ?? app
  if (setting === undefined || setting === false)
    return { encodings: [...precompressed], compressible: () => false }
  const base = typeof setting === 'object' ? setting : {}
  const encodings = [...new Set([...precompressed, ...(base.encodings ?? defaults)])]
  return { ...base, encodings: encodings as CompressionOptions['encodings'] }
}

/** The default resource name for a prefix: `staticFiles`, `staticAssets`, `staticPublicImg`. */
export function resourceNameOf(prefix: string): string {
  const words = prefix.split(/[^A-Za-z0-9]+/).filter((word) => word !== '')
  if (words.length === 0) return 'staticFiles'
  return 'static' + words.map((word) => (word[0] as string).toUpperCase() + word.slice(1)).join('')
}
