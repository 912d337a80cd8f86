import { ConfigurationError } from '../errors/index.js'
import type { SecurityHeadersOptions } from '../http/index.js'
import { referenceInitializer, referencePage } from './api-reference-page.js'
import type { DocumentableApp } from './application-view.js'
import { strongEntityTag } from './content-tag.js'
import type { OperationDoc } from './generate-options.js'

/**
 * The files of swagger-ui-dist the API reference page needs, handed in by whoever can read them
 * (`restmachine/node`'s `serveApiReference` reads them from the installed package).
 */
export interface SwaggerUiAssets {
  /** swagger-ui-dist's version; the files' URLs carry it, so browsers may cache them for good. */
  readonly version: string
  /** `swagger-ui.css`. */
  readonly stylesheet: Uint8Array | string
  /** `swagger-ui-bundle.js`, the standalone bundle. */
  readonly bundle: Uint8Array | string
  /** `favicon-32x32.png`. */
  readonly favicon: Uint8Array
}

/** Where and how the API reference page is served. */
export interface ApiReferenceOptions {
  /** The page's path (default `/docs`); its files are served below it. */
  readonly path?: string
  /** The path of the OpenAPI document the page renders (default `/openapi.json`, `serveOpenApi`'s). */
  readonly document?: string
  /** The page's title (default `API reference`). */
  readonly title?: string
  /**
   * The page's other security headers (HSTS…), as the application's `securityHeaders` option;
   * its Content-Security-Policy is always the page's own.
   */
  readonly securityHeaders?: Omit<SecurityHeadersOptions, 'contentSecurityPolicy'>
  /** List the page and its files in the OpenAPI document (default: left out, they are not the API). */
  readonly documented?: boolean
}

/**
 * The route options the reference sets (a subset of `RouteOptions`; the fields whose types name the
 * application's context are `unknown` here, so every application fits).
 */
export interface ReferenceRouteOptions {
  readonly inject?: readonly string[]
  readonly requires?: readonly string[]
  readonly provides?: unknown
  readonly cacheControl?: string | ((pathParams: Readonly<Record<string, string>>) => string | undefined)
  readonly compression?: unknown
  readonly securityHeaders?: unknown
  readonly openapi?: OperationDoc
}

/** An application that can register resources and GET routes (any `RestApplication`). */
export interface ReferenceApp extends DocumentableApp {
  get(path: string, handler: () => unknown, options?: ReferenceRouteOptions): unknown
  resourceExists(
    name: string,
    fn: () => unknown,
    options?: { inject?: readonly string[]; etag?: () => Promise<string> },
  ): unknown
}

/**
 * The page's policy (CSP3): its scripts and stylesheets are files of this server, never inline;
 * images from here or `data:` (swagger-ui.css draws its icons as data: URLs); "try it" may reach
 * this server only; nothing else loads, nothing may frame it, no form posts anywhere.
 */
export const API_REFERENCE_POLICY: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
})

/** RFC 9111 §5.2.2.4 no-cache: the page and its initializer are revalidated (→ 304) on every use. */
const REVALIDATE = 'no-cache'
/** A file whose URL names its version never changes: cache it for a year (RFC 8246 immutable). */
const IMMUTABLE = 'public, max-age=31536000, immutable'
/** A path of plain segments (RFC 3986 unreserved characters), no trailing slash. */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9._~-]+)+$/

const passThrough = (value: unknown) => value as string | Uint8Array

/**
 * Serves swagger-ui on `path` (default `/docs`) from the files given: the page, its stylesheet,
 * bundle, favicon and initializer, each a GET route with a strong ETag, so a conditional GET is
 * answered 304 by the machine. The swagger-ui files live under `path/swagger-ui-<version>/` and are
 * cached for a year; the page and initializer are revalidated. The page's CSP allows only this
 * server ({@link API_REFERENCE_POLICY}). Call once per application; on Node, `serveApiReference`
 * from `restmachine/node` reads the files for you.
 *
 * @example
 * serveOpenApi(app, info)
 * serveApiReferenceFrom(app, assets, { path: '/docs' }) // GET /docs → swagger-ui on /openapi.json
 */
export function serveApiReferenceFrom(
  app: ReferenceApp,
  assets: SwaggerUiAssets,
  options: ApiReferenceOptions = {},
): void {
  const path = checkedPath('path', options.path ?? '/docs')
  const document = checkedPath('document', options.document ?? '/openapi.json')
  if (!/^[0-9A-Za-z.+-]+$/.test(assets.version)) {
    throw new ConfigurationError(
      `serveApiReference: invalid swagger-ui version ${JSON.stringify(assets.version)}`,
    )
  }
  const dist = `${path}/swagger-ui-${assets.version}`
  const stylesheet = `${dist}/swagger-ui.css`
  const paths = {
    styles: [stylesheet],
    icon: `${dist}/favicon-32x32.png`,
    bundle: `${dist}/swagger-ui-bundle.js`,
    initializer: `${path}/initializer.js`,
  }
  /**
   * One resource per file, named `apiReference<Name>`: each route's plan then holds G7 and the
   * file's strong ETag, so If-None-Match → 304 and If-Match → 412 come from the machine.
   */
  const serve = (name: string, at: string, type: string, content: Uint8Array | string, doc: OperationDoc) => {
    const resource = `apiReference${name}`
    let etag: Promise<string> | undefined
    app.resourceExists(resource, () => content, {
      inject: [],
      etag: () => (etag ??= strongEntityTag(content)),
    })
    app.get(at, () => content, {
      inject: [],
      requires: [resource],
      provides: { [type]: passThrough },
      cacheControl: at.startsWith(`${dist}/`) ? IMMUTABLE : REVALIDATE,
      compression: type !== 'image/png',
      ...(at === path ? { securityHeaders: pageHeaders(options) } : {}),
      // Not part of the API: left out of its document unless `documented` asks for them.
      openapi: { ...doc, hidden: options.documented !== true },
    })
  }
  serve('Page', path, 'text/html', referencePage(options.title ?? 'API reference', paths), {
    summary: 'API reference',
    description: `This API's reference: swagger-ui rendering \`${document}\`, with "try it" against this server.`,
  })
  const file = (what: string): OperationDoc => ({
    summary: `API reference ${what}`,
    description: `A file of the API reference page: ${what}.`,
  })
  // RFC 9239 §6: JavaScript is text/javascript.
  serve(
    'Initializer',
    paths.initializer,
    'text/javascript',
    referenceInitializer(document),
    file('initializer'),
  )
  serve('Stylesheet', stylesheet, 'text/css', assets.stylesheet, file('stylesheet (swagger-ui.css)'))
  serve('Bundle', paths.bundle, 'text/javascript', assets.bundle, file('script (swagger-ui-bundle.js)'))
  serve('Icon', paths.icon, 'image/png', assets.favicon, file('icon'))
}

function pageHeaders(options: ApiReferenceOptions): SecurityHeadersOptions {
  return { ...options.securityHeaders, contentSecurityPolicy: API_REFERENCE_POLICY }
}

function checkedPath(name: string, path: string): string {
  if (!PLAIN_PATH.test(path)) {
    throw new ConfigurationError(
      `serveApiReference: ${name} must be a path of plain segments like '/docs', got ${JSON.stringify(path)}`,
    )
  }
  return path
}
