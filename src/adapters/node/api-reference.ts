import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { ConfigurationError } from '../../errors/index.js'
import {
  type ApiReferenceOptions,
  type ReferenceApp,
  type SwaggerUiAssets,
  serveApiReferenceFrom,
} from '../../openapi/index.js'

const PACKAGE = 'swagger-ui-dist'

/**
 * Reads the files the API reference page needs from the installed `swagger-ui-dist` (an optional
 * peer: `npm install swagger-ui-dist`), resolved from this module the way Node resolves imports.
 * Throws a {@link ConfigurationError} naming the install command when it is missing. `from` is
 * where resolution starts (default: this module, next to which a peer is installed).
 *
 * @example
 * const assets = readSwaggerUiAssets() // { version: '5.35.0', stylesheet, bundle, favicon }
 */
export function readSwaggerUiAssets(from: string | URL = import.meta.url): SwaggerUiAssets {
  let manifest: string
  try {
    manifest = createRequire(from).resolve(`${PACKAGE}/package.json`)
  } catch {
    throw new ConfigurationError(
      `serveApiReference needs the optional peer "${PACKAGE}", which is not installed — npm install ${PACKAGE}`,
    )
  }
  const folder = dirname(manifest)
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }
  if (typeof version !== 'string' || !version.startsWith('5.')) {
    throw new ConfigurationError(`serveApiReference needs ${PACKAGE} 5.x, found ${String(version)}`)
  }
  const read = (name: string) => new Uint8Array(readFileSync(join(folder, name)))
  return {
    version,
    stylesheet: read('swagger-ui.css'),
    bundle: read('swagger-ui-bundle.js'),
    favicon: read('favicon-32x32.png'),
  }
}

/**
 * Serves an API reference page on `path` (default `/docs`): swagger-ui rendering the application's
 * OpenAPI document (default `/openapi.json`, served by `serveOpenApi`), its files read once from the
 * installed `swagger-ui-dist` and served by this server — it works offline, calls no CDN, and its
 * Content-Security-Policy lets "try it" reach this server only. See docs/openapi.md.
 *
 * @example
 * serveOpenApi(app, { title: 'Documents API', version: '1.0.0' })
 * serveApiReference(app, { path: '/docs' }) // open http://localhost:8000/docs
 */
export function serveApiReference(app: ReferenceApp, options: ApiReferenceOptions = {}): void {
  serveApiReferenceFrom(app, readSwaggerUiAssets(), options)
}
