import type { DocumentableApp } from './application-view.js'
import { generateOpenApi } from './generate-openapi.js'
import type { GenerateOpenApiOptions, OperationDoc } from './generate-options.js'
import type { OpenApiDocument } from './openapi-types.js'

/** An application that can register a GET route (any `RestApplication`). */
export interface RoutableApp extends DocumentableApp {
  get(
    path: string,
    handler: () => unknown,
    options?: { inject?: readonly string[]; provides?: string; openapi?: OperationDoc },
  ): unknown
}

/**
 * A handler that answers with the application's OpenAPI document, generated on the first request
 * (when every route is registered and the app has started) and reused after that.
 *
 * @example
 * app.get('/openapi.json', openApiHandler(app, { title: 'Documents API', version: '1.0.0' }))
 */
export function openApiHandler(app: DocumentableApp, options: GenerateOpenApiOptions): () => OpenApiDocument {
  let document: OpenApiDocument | undefined
  return () => {
    document ??= generateOpenApi(app, options)
    return document
  }
}

/**
 * Registers `GET path` (default `/openapi.json`; HEAD too) answering the application's OpenAPI
 * document as JSON (406 for clients that accept no JSON). The route is part of the document it serves.
 *
 * @example
 * serveOpenApi(app, { title: 'Documents API', version: '1.0.0' })
 * // GET /openapi.json → 200 application/json { "openapi": "3.1.0", … }
 */
export function serveOpenApi(
  app: RoutableApp,
  options: GenerateOpenApiOptions,
  path = '/openapi.json',
): void {
  app.get(path, openApiHandler(app, options), {
    inject: [],
    // The document is JSON only: a client that accepts none gets 406 (RFC 9110 §12.5.1), not a surprise.
    provides: 'application/json',
    openapi: {
      summary: 'Get the OpenAPI document',
      description: 'This OpenAPI 3.1 document, generated from the routes and the plans the server runs.',
    },
  })
}
