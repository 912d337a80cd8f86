import type { RouteRegistration } from '../app/registrations.js'
import type { CorsOptions } from '../http/cors.js'
import type { OperationDoc } from './generate-options.js'
import { operationId, pathTag } from './naming.js'
import type { OperationObject, SecuritySchemeObject } from './openapi-types.js'
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
  route: RouteRegistration,
  view: RouteView,
  settings: OperationSettings,
): OperationObject {
  const key = `${view.method} ${route.template.source}`
  const own = lookup(settings.operations, key)
  // HEAD is served by the GET route, so it shares its documentation but not its operationId.
  const doc =
    own ?? (view.method === 'HEAD' ? lookup(settings.operations, `GET ${route.template.source}`) : undefined)
  const id = own?.operationId ?? operationId(view.method, route.template, settings.operationIds)
  const tag = pathTag(route.template)
  const notes = [doc?.description, ...machineNotes(view, settings.appCors)].filter((n) => n !== undefined)
  const parameters = operationParameters(route, view, settings.registry)
  const requestBody = view.method === 'HEAD' ? undefined : operationRequestBody(view, settings.registry)
  const security = operationSecurity(view, settings.challenge, settings.securitySchemes)
  return {
    operationId: id,
    ...(doc?.summary === undefined ? {} : { summary: doc.summary }),
    ...(notes.length === 0 ? {} : { description: notes.join('\n\n') }),
    ...(doc?.tags !== undefined ? { tags: [...doc.tags] } : tag === undefined ? {} : { tags: [tag] }),
    ...(doc?.deprecated === true ? { deprecated: true } : {}),
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(requestBody === undefined ? {} : { requestBody }),
    responses: operationResponses(view, { ...settings, doc, schemaName: id }),
    ...(security === undefined ? {} : { security }),
  }
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
