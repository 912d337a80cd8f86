import { realpathSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { type CompressionOptions, DEFAULT_ENCODINGS, type RouteOptions } from '../../app/index.js'
import { ConfigurationError } from '../../errors/index.js'
import {
  encodedEntityTag,
  negotiateEncoding,
  type RequestHeaders,
  RestResponse,
  type SliceableContent,
} from '../../http/index.js'
import { INJECT } from '../../machine/index.js'
import { fileContent } from './file-content.js'
import { mediaTypeOf } from './media-types.js'
import { openStaticFile } from './open-static-file.js'
import {
  cacheControlOf,
  type PrecompressedCoding,
  resourceNameOf,
  routeCompression,
  type ServeStaticOptions,
} from './static-options.js'
import { type Lookup, lookUp, type StaticFile, siblingOf, staticSegments } from './static-path.js'

/**
 * What {@link serveStatic} registers on: a `RestApplication` of any context. Its functions are typed
 * by that context, which serveStatic does not know: it passes its own, which read only built-ins
 * and the resource it registers.
 */
export interface StaticFileHost {
  resourceExists(name: string, fn: never, options?: never): unknown
  get(path: string, handler: never, options?: never): unknown
  readonly settings: { readonly compression?: boolean | CompressionOptions }
}

type Context = Record<string, unknown>

const NOTHING: Lookup = Object.freeze({ kind: 'none' })

/**
 * Serves the files under `root` at `prefix` (`/assets/css/site.css` → `root/css/site.css`) with GET
 * and HEAD. It registers a resource (the file's stat) whose strong ETag and Last-Modified answer
 * conditional requests in the machine, so 304 and 412 are sent before the file is opened, and a
 * GET route with byte ranges (206, multipart, 416, If-Range) read from disk by offset. The content
 * is streamed, never held whole; precompressed siblings (`.br`, `.gz`) are sent to clients that
 * accept them, with their own ETag; `Cache-Control` per file. Anything that could lead outside the
 * root (`..`, `%2e%2e`, `%2f`, backslashes, absolute paths, NUL, symbolic links out of it) is 404.
 * Throws a ConfigurationError when the root is not a directory.
 *
 * @example
 * const app = new RestApplication()
 * serveStatic(app, '/assets', { root: './public' })
 * await serve(app, { port: 3000 })
 */
export function serveStatic<App extends StaticFileHost>(
  app: App,
  prefix: string,
  options: ServeStaticOptions,
): App {
  const base = prefixOf(prefix)
  const root = rootOf(options.root)
  const name = options.name ?? resourceNameOf(base)
  const param = `${name}Path`
  const index = options.index === false ? undefined : (options.index ?? 'index.html')
  const dotfiles = options.dotfiles === true
  const precompressed = options.precompressed === false ? [] : (options.precompressed ?? ['br', 'gzip'])
  const cacheControl = cacheControlOf(options.cacheControl)

  // One look-up per request, shared by G7 (the file) and K7/K5 (a directory without its "/").
  const lookups = new WeakMap<object, Promise<Lookup>>()
  const lookUpTarget = ({ pathParams, request }: Context): Promise<Lookup> => {
    const key = request as { path: string }
    let lookup = lookups.get(key)
    if (lookup === undefined) {
      const segments = staticSegments(key.path, restOf(pathParams, param), dotfiles)
      lookup =
        segments === undefined ? Promise.resolve(NOTHING) : lookUp(root, segments, index).catch(() => NOTHING)
      lookups.set(key, lookup)
    }
    return lookup
  }
  const find = async ({ pathParams, request }: Context): Promise<StaticFile | undefined> => {
    const lookup = await lookUpTarget({ pathParams, request })
    return lookup.kind === 'file' ? lookup.file : undefined
  }
  // RFC 9110 §15.4.2: a directory asked for without its trailing "/" has moved there, so that the
  // relative links of its index resolve against it (K7 "previously existed", then K5 → 301).
  const previouslyExisted = async ({ pathParams, request }: Context): Promise<boolean> =>
    (await lookUpTarget({ pathParams, request })).kind === 'directory'
  const movedPermanently = async ({ pathParams, request }: Context): Promise<string | undefined> =>
    (await lookUpTarget({ pathParams, request })).kind === 'directory'
      ? `${(request as { path: string }).path}/`
      : undefined
  app.resourceExists(
    name,
    find as never,
    {
      etag: Object.assign((context: Context) => entityTagOf(context[name] as StaticFile), {
        [INJECT]: [name],
      }),
      lastModified: Object.assign((context: Context) => (context[name] as StaticFile).mtimeMs, {
        [INJECT]: [name],
      }),
      previouslyExisted,
      movedPermanently,
    } as never,
  )

  const send = (context: Context) =>
    fileResponse(
      root,
      context[name] as StaticFile,
      context.headers as RequestHeaders,
      (context.request as { method: string }).method,
      precompressed,
      options,
    )
  const routeOptions: RouteOptions = {
    inject: [name, 'headers', 'request'],
    ranges: true,
    resource: name,
    compression: routeCompression(
      precompressed,
      options.compression,
      app.settings.compression,
      DEFAULT_ENCODINGS,
    ),
    ...(cacheControl === undefined
      ? {}
      : { cacheControl: (params) => cacheControl(restOf(params, param) || (index ?? '')) }),
  }
  app.get(`${base}/{${param}:path}`, send as never, routeOptions as never)
  if (index !== undefined) app.get(`${base}/`, send as never, routeOptions as never)
  return app
}

/**
 * The response for a file that passed the preconditions: its precompressed sibling, or the file,
 * opened before the status is committed (openStaticFile: a file that vanished is a 404, one that
 * cannot be read a 500) and read through that descriptor.
 */
async function fileResponse(
  root: string,
  file: StaticFile,
  headers: RequestHeaders,
  method: string,
  precompressed: readonly PrecompressedCoding[],
  options: ServeStaticOptions,
): Promise<RestResponse> {
  const contentType = mediaTypeOf(file.name, options.mediaTypes)
  const accepted = headers.get('accept-encoding')
  // Ranges are served of the identity form (RFC 9110 §14.1.1), as compression leaves them.
  if (precompressed.length > 0 && accepted !== null && headers.get('range') === null) {
    const siblings = await Promise.all(precompressed.map((coding) => siblingOf(root, file, coding)))
    const present = precompressed.filter((_, i) => siblings[i] !== undefined)
    // Identity last: it wins only when the client weighs it above every coding present.
    const coding = negotiateEncoding(accepted, [...present, 'identity'])
    const sibling = siblings[precompressed.indexOf(coding as PrecompressedCoding)]
    if (coding !== null && coding !== 'identity' && sibling !== undefined) {
      return new RestResponse(
        200,
        {
          'content-type': contentType,
          'content-encoding': coding,
          'content-length': String(sibling.size),
          // RFC 9110 §8.8.3: the encoded form is another representation, with its own strong tag.
          etag: encodedEntityTag(entityTagOf(file), coding),
        },
        await openedContent(sibling.path, sibling.size, method),
      )
    }
  }
  return new RestResponse(
    200,
    { 'content-type': contentType, 'content-length': String(file.size) },
    await openedContent(file.path, file.size, method),
  )
}

/**
 * The file's content, opened now. A HEAD gets the same status a GET would (RFC 9110 §9.3.2), so it
 * opens the file too, but closes it at once: its content is never read.
 */
async function openedContent(path: string, size: number, method: string): Promise<SliceableContent> {
  const handle = await openStaticFile(path)
  if (method !== 'HEAD') return fileContent(path, size, handle)
  await handle.close()
  return fileContent(path, size)
}

/** A strong ETag from the file's stat (RFC 9110 §8.8.3): its size and modification time in ns. */
function entityTagOf(file: StaticFile): string {
  return `"${file.size.toString(16)}-${file.mtimeNs.toString(16)}"`
}

function restOf(params: unknown, param: string): string {
  const value = (params as Record<string, string> | undefined)?.[param]
  return value ?? ''
}

function prefixOf(prefix: string): string {
  if (typeof prefix !== 'string' || (prefix !== '' && !prefix.startsWith('/')) || /[{}]/.test(prefix)) {
    throw new ConfigurationError(
      `serveStatic: the prefix ${JSON.stringify(prefix)} must be a path starting with '/'`,
    )
  }
  return prefix.endsWith('/') ? prefix.slice(0, -1) : prefix
}

function rootOf(root: string): string {
  let real: string
  try {
    real = realpathSync(resolve(root))
  } catch {
    throw new ConfigurationError(`serveStatic: the root ${JSON.stringify(root)} does not exist`)
  }
  if (!statSync(real).isDirectory())
    throw new ConfigurationError(`serveStatic: the root ${JSON.stringify(root)} is not a directory`)
  return real
}
