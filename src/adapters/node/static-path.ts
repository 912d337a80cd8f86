import { realpath, stat } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { SIBLING_EXTENSIONS } from './static-options.js'

/** A file found under the root, as stat describes it before it is opened. */
export interface StaticFile {
  /** Its real path (symbolic links resolved, inside the root). */
  readonly path: string
  /** The name it was asked for (the index's name for a directory), whose extension gives its type. */
  readonly name: string
  readonly size: number
  /** Modification time in nanoseconds (for the ETag) and milliseconds (for Last-Modified). */
  readonly mtimeNs: bigint
  readonly mtimeMs: number
}

// A name longer than this is no file of ours (Linux's NAME_MAX is 255 bytes, PATH_MAX 4096).
const MAX_SEGMENT = 255
const MAX_PATH = 1024
// Encoded "/", "\" and NUL: the router decodes each segment, so "a%2Fb" would become the two
// segments of "a/b" once joined; a name holding them is refused, never reinterpreted.
const ENCODED_SEPARATOR = /%(?:2f|5c|00)/i

/**
 * The segments of a requested path under the root, or `undefined` when it must be refused (404):
 * an encoded `/`, `\` or NUL in the raw path; an empty segment (`//`, a leading `/` that would make
 * it absolute), `.` or `..` (decoded, so `%2e%2e` too); a backslash, NUL or other control
 * character; a name starting with `.` unless `dotfiles`; a segment or path too long. A trailing `/`
 * is kept as a last empty segment: it asks for a directory.
 *
 * @example
 * staticSegments('/assets/css/site.css', 'css/site.css', false) // ['css', 'site.css']
 * staticSegments('/assets/%2e%2e/secret', '../secret', false) // undefined
 */
export function staticSegments(rawPath: string, rest: string, dotfiles: boolean): string[] | undefined {
  if (ENCODED_SEPARATOR.test(rawPath) || rest.length > MAX_PATH) return undefined
  if (rest === '') return ['']
  const segments = rest.split('/')
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string
    if (segment === '') {
      if (i === segments.length - 1 && i > 0) continue
      return undefined
    }
    if (!acceptableName(segment, dotfiles)) return undefined
  }
  return segments
}

function acceptableName(segment: string, dotfiles: boolean): boolean {
  if (segment === '.' || segment === '..' || segment.length > MAX_SEGMENT) return false
  if (segment.charCodeAt(0) === 46 /* '.' */ && !dotfiles) return false
  for (let i = 0; i < segment.length; i++) {
    const code = segment.charCodeAt(i)
    if (code < 0x20 || code === 0x7f || code === 92 /* '\' */) return false
  }
  return true
}

/** What a path names under the root: a file, a directory asked for without its trailing `/`, or nothing. */
export type Lookup =
  | { readonly kind: 'file'; readonly file: StaticFile }
  | { readonly kind: 'directory' }
  | { readonly kind: 'none' }

const NONE: Lookup = Object.freeze({ kind: 'none' })
const DIRECTORY: Lookup = Object.freeze({ kind: 'directory' })

/**
 * Finds the regular file that `segments` name under `root` (a real path): symbolic links are
 * resolved and the result must still be inside the root, so a link cannot lead out of it. A
 * directory is served by its `index` file when asked for with a trailing `/`; without it, it is
 * reported as a directory (the caller redirects). Devices, FIFOs and sockets are never files here.
 *
 * @example
 * await lookUp('/srv/public', ['css', 'site.css'], 'index.html') // { kind: 'file', file: { … } }
 */
export async function lookUp(
  root: string,
  segments: readonly string[],
  index: string | undefined,
): Promise<Lookup> {
  const last = segments.length - 1
  const wantsDirectory = segments[last] === ''
  const named = wantsDirectory ? segments.slice(0, last) : segments
  const found = await inside(root, join(root, ...named))
  if (found === undefined) return NONE
  const stats = await stat(found, { bigint: true })
  if (stats.isFile()) return wantsDirectory ? NONE : { kind: 'file', file: described(found, named, stats) }
  if (!stats.isDirectory() || index === undefined) return NONE
  if (!wantsDirectory) return DIRECTORY
  const indexPath = await inside(root, join(found, index))
  if (indexPath === undefined) return NONE
  const indexStats = await stat(indexPath, { bigint: true })
  return indexStats.isFile() ? { kind: 'file', file: described(indexPath, [index], indexStats) } : NONE
}

/** The real path of `candidate` when it exists and lies inside `root`, else `undefined`. */
async function inside(root: string, candidate: string): Promise<string | undefined> {
  let real: string
  try {
    real = await realpath(candidate)
  } catch {
    return undefined
  }
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep) ? real : undefined
}

function described(
  path: string,
  named: readonly string[],
  stats: { size: bigint; mtimeNs: bigint; mtimeMs: bigint },
): StaticFile {
  return {
    path,
    name: named[named.length - 1] ?? '',
    size: Number(stats.size),
    mtimeNs: stats.mtimeNs,
    mtimeMs: Number(stats.mtimeMs),
  }
}

/**
 * The precompressed sibling of a file for a coding (`site.css.br`), when it is a regular file inside
 * the root that is not older than the file itself (a stale one would send old content).
 *
 * @example
 * await siblingOf('/srv/public', file, 'br') // { path: '/srv/public/site.css.br', size: 1234 }
 */
export async function siblingOf(
  root: string,
  file: StaticFile,
  coding: keyof typeof SIBLING_EXTENSIONS,
): Promise<{ readonly path: string; readonly size: number } | undefined> {
  const path = await inside(root, `${file.path}.${SIBLING_EXTENSIONS[coding]}`)
  if (path === undefined) return undefined
  try {
    const stats = await stat(path, { bigint: true })
    return stats.isFile() && stats.mtimeNs >= file.mtimeNs ? { path, size: Number(stats.size) } : undefined
  } catch {
    return undefined
  }
}
