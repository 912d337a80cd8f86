/**
 * The media type of a file from its extension, for `Content-Type` (RFC 9110 §8.3). A short table of
 * what a web site serves; anything else is `application/octet-stream` (§8.3: the recipient may then
 * treat it as data, and, with `X-Content-Type-Options: nosniff`, will not guess).
 */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  cjs: 'text/javascript; charset=utf-8',
  json: 'application/json',
  map: 'application/json',
  webmanifest: 'application/manifest+json',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xml: 'application/xml',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/vnd.microsoft.icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  wasm: 'application/wasm',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  webm: 'video/webm',
  vtt: 'text/vtt; charset=utf-8',
}

/**
 * The `Content-Type` for a file name, from its extension (case-insensitive).
 *
 * @example
 * mediaTypeOf('app.3f9a1c2b.js') // 'text/javascript; charset=utf-8'
 * mediaTypeOf('data.bin') // 'application/octet-stream'
 */
export function mediaTypeOf(fileName: string, extra?: Readonly<Record<string, string>>): string {
  const dot = fileName.lastIndexOf('.')
  if (dot === -1) return 'application/octet-stream'
  const extension = fileName.slice(dot + 1).toLowerCase()
  if (extra !== undefined && Object.hasOwn(extra, extension)) return extra[extension] as string
  return Object.hasOwn(BY_EXTENSION, extension)
    ? (BY_EXTENSION[extension] as string)
    : 'application/octet-stream'
}
