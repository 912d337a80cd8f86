import type { DocumentableApp, PathView } from './application-view.js'
import { checkOptions } from './check-options.js'
import { documentTags } from './document-tags.js'
import {
  ERROR_SCHEMA,
  PROBLEM_DETAILS_SCHEMA,
  VALIDATION_DETAIL_SCHEMA,
  VALIDATION_ERROR_SCHEMA,
} from './error-schemas.js'
import type { GenerateOpenApiOptions } from './generate-options.js'
import { linkedNodeIds } from './linked-nodes.js'
import { openApiPath } from './naming.js'
import type {
  InfoObject,
  OpenApiDocument,
  OpenApiMethod,
  PathItemObject,
  SecuritySchemeObject,
} from './openapi-types.js'
import { buildOperation, type OperationSettings, operationDoc } from './operation.js'
import { routeView } from './route-view.js'
import { SchemaRegistry } from './schema-registry.js'
import { dropUnusedSchemas } from './unused-schemas.js'

const OPENAPI_METHODS = new Set<string>(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])

/**
 * Generates the OpenAPI 3.1.0 document of an application from the plans its decision machine runs:
 * every path and method (HEAD with GET), parameters and bodies from its Standard Schema validators,
 * and every status the machine can answer for each route (401 from `authorized`, 404 from
 * `resourceExists`, 304/412 from ETag and Last-Modified, 406 from `provides`, 413/415/422 from
 * bodies…), each described with the reason it can happen.
 *
 * @example
 * const document = generateOpenApi(app, { title: 'Documents API', version: '1.0.0' })
 * app.get('/openapi.json', () => document) // or serveOpenApi(app, info)
 */
export function generateOpenApi(app: DocumentableApp, options: GenerateOpenApiOptions): OpenApiDocument {
  const view = app.describe()
  checkOptions(view, options)
  const registry = new SchemaRegistry()
  const errorRefs = {
    error: registry.define('Error', ERROR_SCHEMA),
    validation: registry.define('ValidationError', VALIDATION_ERROR_SCHEMA),
    problem: registry.define('ProblemDetails', PROBLEM_DETAILS_SCHEMA),
  }
  registry.define('ValidationDetail', VALIDATION_DETAIL_SCHEMA)
  const securitySchemes: Record<string, SecuritySchemeObject> = {}
  const settings: OperationSettings = {
    registry,
    errorRefs,
    problemDetails: view.problemDetails,
    customErrors: view.customErrors,
    errorBodies: options.errorBodies,
    challenge: view.challenge,
    operations: options.operations,
    securitySchemes,
    // The author's operationIds are taken before any is derived, so a derived one never repeats them.
    operationIds: new Set(
      [...view.routes.map((r) => r.options.openapi), ...Object.values(options.operations ?? {})].flatMap(
        (doc) => doc?.operationId ?? [],
      ),
    ),
    appCors: view.cors,
  }
  const views = { appNodes: linkedNodeIds(view.entry), dependencies: options.dependencies }
  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: documentInfo(options),
    // OpenAPI 3.1 §4.8.1: without servers the default is `/`; said out loud, as linters ask.
    servers: (options.servers ?? [{ url: '/' }]).map((server) => ({ ...server })),
    tags: [], // filled once every operation's tags are known
    paths: {},
    components: { schemas: registry.schemas },
  }
  for (const path of view.paths) {
    const item: PathItemObject = { description: pathDescription(path) }
    const shown = path.routes.filter(
      (route) => operationDoc(route, route.method, options.operations)?.hidden !== true,
    )
    if (shown.length === 0) continue
    const pathSettings = settingsOf(path, settings)
    for (const route of shown) {
      const plan = path.entry.methods.get(route.method)
      const methods =
        route.method === 'GET' && !path.entry.methods.has('HEAD') ? ['GET', 'HEAD'] : [route.method]
      for (const method of methods) {
        const key = method.toLowerCase()
        if (plan === undefined || !OPENAPI_METHODS.has(key)) continue
        const operation = routeView(method, plan, route.options.accepts ?? view.accepts, views)
        item[key as OpenApiMethod] = buildOperation(route, operation, pathSettings)
      }
    }
    // A path has at least one route; the implicit OPTIONS is built from the first (template, parameters).
    const [first] = path.routes
    if (options.automaticOptions === true && first !== undefined && !path.entry.methods.has('OPTIONS')) {
      const operation = routeView('OPTIONS', path.entry.options, undefined, views)
      item.options = buildOperation(first, operation, pathSettings)
    }
    document.paths[openApiPath(path.template)] = item
  }
  if (Object.keys(securitySchemes).length > 0) document.components.securitySchemes = securitySchemes
  dropUnusedSchemas(document)
  document.tags = documentTags(document, options.tags)
  return document
}

/** The operation settings of a path: a mounted application's paths answer errors its own way. */
function settingsOf(path: PathView, settings: OperationSettings): OperationSettings {
  return path.errors === undefined ? settings : { ...settings, ...path.errors }
}

function documentInfo(options: GenerateOpenApiOptions): InfoObject {
  const info: InfoObject = { title: options.title, version: options.version }
  for (const key of ['summary', 'description', 'termsOfService'] as const) {
    if (options[key] !== undefined) info[key] = options[key]
  }
  if (options.contact !== undefined) info.contact = { ...options.contact }
  if (options.license !== undefined) info.license = { ...options.license }
  return info
}

// 405 belongs to no operation (it answers the methods a path does not have), so it is stated here.
function pathDescription({ entry }: PathView): string {
  const unlisted = [...entry.methods.keys()].filter((m) => !OPENAPI_METHODS.has(m.toLowerCase()))
  return [
    `Allow: ${entry.allow}. Any other method → 405 Method Not Allowed with this \`Allow\` header.`,
    entry.methods.has('OPTIONS')
      ? undefined
      : 'OPTIONS → 204 with `Allow`, without authentication; it answers CORS preflights too.',
    unlisted.length === 0
      ? undefined
      : `Also serves ${unlisted.join(', ')} (not expressible in OpenAPI 3.1).`,
  ]
    .filter((line) => line !== undefined)
    .join(' ')
}
