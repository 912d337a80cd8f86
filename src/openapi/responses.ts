import type { StandardJSONSchemaV1 } from '@standard-schema/spec'
import { reasonPhrase } from '../http/index.js'
import { type ErrorRefs, errorContent, isJsonType, successContent } from './content.js'
import type { OperationDoc, ResponseDoc } from './generate-options.js'
import { machineStatuses, type StatusReasons } from './machine-statuses.js'
import type { JsonSchema, ResponseObject } from './openapi-types.js'
import { responseHeaders } from './response-headers.js'
import type { RouteView } from './route-view.js'
import type { SchemaRegistry } from './schema-registry.js'
import { handlerStatuses, successStatuses } from './success-statuses.js'

/** What {@link operationResponses} needs besides the route. */
export interface ResponseSettings {
  readonly registry: SchemaRegistry
  readonly errorRefs: ErrorRefs
  /** Whether every default error body is RFC 9457 problem details (the `problemDetails` setting). */
  readonly problemDetails: boolean
  /** Statuses whose body an error handler replaces (`'all'` with a fallback handler). */
  readonly customErrors: ReadonlySet<number> | 'all'
  /** The `WWW-Authenticate` challenge of 401s. */
  readonly challenge: string
  /** The author's documentation of the operation, if any. */
  readonly doc: OperationDoc | undefined
  /** The body schemas of statuses the application's error handlers answer, by status. */
  readonly errorBodies: Readonly<Record<number, StandardJSONSchemaV1 | JsonSchema>> | undefined
  /** A name for schemas the author gives, e.g. the operationId. */
  readonly schemaName: string
}

/**
 * Every response an operation can produce: the handler's success statuses, every status the
 * machine can answer for its plan (each described with why), the author's additions, and `default`
 * for the rest (500, 414, 431…).
 *
 * @example
 * Object.keys(operationResponses(view, settings)) // ['200', '304', '404', '406', '412', 'default']
 */
export function operationResponses(
  view: RouteView,
  settings: ResponseSettings,
): Record<string, ResponseObject> {
  const documented = Object.keys(settings.doc?.responses ?? {}).map(Number)
  const success = successStatuses(view)
  if (documented.some((status) => status >= 200 && status < 300)) {
    for (const status of handlerStatuses(view)) if (!documented.includes(status)) success.delete(status)
  }
  const statuses: StatusReasons = new Map([...success, ...machineStatuses(view)])
  for (const status of documented) {
    if (!statuses.has(status)) statuses.set(status, [])
  }
  const responses: Record<string, ResponseObject> = {}
  for (const status of [...statuses.keys()].sort((a, b) => a - b)) {
    const given = settings.doc?.responses?.[status]
    responses[String(status)] = describe(view, status, statuses.get(status) ?? [], given, settings)
  }
  responses.default = {
    description:
      'Any other error: 500 for an unexpected failure (its message is never sent), 414 / 431 for an oversized request, or an error a dependency throws.',
    ...optional('content', errorContent(view, 500, settings.errorRefs, errorStyle(settings, false, 500))),
  }
  return responses
}

function describe(
  view: RouteView,
  status: number,
  reasons: readonly string[],
  given: ResponseDoc | undefined,
  settings: ResponseSettings,
): ResponseObject {
  const error = status >= 400
  const custom = error && customised(settings, status)
  const why = reasons.length === 0 ? '' : ` — ${reasons.join('; ')}`
  const note = custom ? ' (body from the application’s error handler)' : ''
  // The route's own schema for this status, else (for an error handler's body) the application's,
  // else (for the handler's own 200 or 201) the body the route declared with `returns`.
  const shared = custom && settings.errorBodies !== undefined ? settings.errorBodies[status] : undefined
  const own = given?.schema ?? (status === 200 || status === 201 ? view.plan.returns?.schema : undefined)
  const schema =
    own !== undefined
      ? settings.registry.add(
          own as StandardJSONSchemaV1 | JsonSchema,
          `${settings.schemaName}${status}`,
          'output',
        )?.ref
      : shared !== undefined
        ? settings.registry.add(shared, `ErrorBody${status}`, 'output')?.ref
        : undefined
  let content = error
    ? errorContent(view, status, settings.errorRefs, errorStyle(settings, schema !== undefined, status))
    : successContent(view, status, schema)
  if (schema !== undefined && content !== undefined) {
    content = Object.fromEntries(
      Object.entries(content).map(([type, media]) => [type, isJsonType(type) ? { schema } : media]),
    )
  }
  const headers = { ...responseHeaders(view, status, settings.challenge), ...given?.headers }
  return {
    description: given?.description ?? `${reasonPhrase(status)}${why}${note}`,
    ...optional('headers', Object.keys(headers).length > 0 ? headers : undefined),
    ...optional('content', content),
  }
}

function errorStyle(settings: ResponseSettings, given: boolean, status: number) {
  return { customised: given || customised(settings, status), problemDetails: settings.problemDetails }
}

function customised(settings: ResponseSettings, status: number): boolean {
  return settings.customErrors === 'all' || settings.customErrors.has(status)
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}
