import type { CorsOptions } from '../http/index.js'
import type { DocumentedRoute } from './application-view.js'
import type { OperationDoc } from './generate-options.js'
import { operationId, pathTag } from './naming.js'
import type { OperationObject, SecuritySchemeObject } from './openapi-types.js'
import { derivedDescription, derivedSummary } from './operation-text.js'
import { operationParameters } from './parameters.js'
import { operationRequestBody } from './request-body.js'
import { operationResponses, type ResponseSettings } from './responses.js'
import type { RouteView } from './route-view.js'
import { operationSecurity } from './security.js'

/** What every operation of a document shares. */
export interface OperationSettings extends Omit<ResponseSettings, 'doc' | 'schemaName'> {
  readonly operations: Readonly<Record<string, OperationDoc>> | undefined
  readonly securitySchemes: Record<string, SecuritySchemeObject>
  readonly operationIds: Set<string>
  readonly appCors: CorsOptions | undefined
}

/**
 * Builds the Operation Object of one method of a route from its plan and the author's documentation.
 *
 * @example
 * buildOperation(route, routeView('GET', plan, appNodes, undefined), settings).responses['404']
 */
export function buildOperation(
  route: DocumentedRoute,
  view: RouteView,
  settings: OperationSettings,
): OperationObject {
  const doc = operationDoc(route, view.method, settings.operations)
  const id = doc?.operationId ?? operationId(view.method, route.template, settings.operationIds)
  const tag = pathTag(route.template) ?? 'default'
  const notes = [doc?.description ?? derivedDescription(view), ...machineNotes(view, settings.appCors)]
  const parameters = operationParameters(route, view, settings.registry)
  const requestBody = view.method === 'HEAD' ? undefined : operationRequestBody(view, settings.registry)
  return {
    operationId: id,
    summary: doc?.summary ?? derivedSummary(route, view),
    description: notes.join('\n\n'),
    tags: doc?.tags === undefined ? [tag] : [...doc.tags],
    ...(doc?.deprecated === true ? { deprecated: true } : {}),
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(requestBody === undefined ? {} : { requestBody }),
    responses: operationResponses(view, { ...settings, doc, schemaName: id }),
    // Always stated: `[]` says "public" on purpose rather than "forgot to say" (OpenAPI 3.1 §4.8.10).
    security: operationSecurity(view, settings.challenge, settings.securitySchemes),
  }
}

/**
 * The author's documentation of one method of a route: the route's `openapi` option, each field
 * replaced by the generator's `operations['METHOD /template']`. HEAD is served by the GET route, so
 * it shares its documentation but not its operationId (which must stay unique).
 *
 * @example
 * operationDoc(route, 'GET', { 'GET /posts/{id}': { summary: 'Read a post' } })?.summary // 'Read a post'
 */
export function operationDoc(
  route: DocumentedRoute,
  method: string,
  operations: Readonly<Record<string, OperationDoc>> | undefined,
): OperationDoc | undefined {
  const given = lookup(operations, `${method} ${route.template.source}`)
  if (method === 'HEAD' && route.method === 'GET') {
    const get = operationDoc(route, 'GET', operations)
    return merge(get === undefined ? undefined : { ...get, operationId: undefined }, given)
  }
  return merge(route.method === method ? route.options.openapi : undefined, given)
}

function merge(own: OperationDoc | undefined, given: OperationDoc | undefined): OperationDoc | undefined {
  if (own === undefined || given === undefined) return given ?? own
  return { ...own, ...definedFields(given) }
}

function definedFields(doc: OperationDoc): OperationDoc {
  return Object.fromEntries(Object.entries(doc).filter(([, value]) => value !== undefined))
}

function lookup(operations: Readonly<Record<string, OperationDoc>> | undefined, key: string) {
  return operations !== undefined && Object.hasOwn(operations, key) ? operations[key] : undefined
}

function machineNotes(view: RouteView, appCors: CorsOptions | undefined): string[] {
  const notes: string[] = []
  if (view.method === 'HEAD')
    notes.push('Served by the GET route: the same status and headers, without content.')
  const cors = view.plan.cors === false ? undefined : (view.plan.cors ?? appCors)
  if (cors !== undefined && view.plan.handler !== undefined) {
    const origins = cors.origins
    const who =
      origins === '*'
        ? 'any origin'
        : typeof origins === 'function'
          ? 'origins the application accepts'
          : origins.join(', ')
    notes.push(
      `Cross-origin requests (CORS) are allowed from ${who}; error responses carry the CORS headers too.`,
    )
  }
  return notes
}
