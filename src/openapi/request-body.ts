import type { JsonSchema, MediaTypeObject, RequestBodyObject } from './openapi-types.js'
import { validatorSchema, validatorSource } from './provider-docs.js'
import type { RouteView } from './route-view.js'
import type { SchemaRegistry } from './schema-registry.js'

/**
 * The content an operation reads, when its plan reads any: JSON for routes that use `jsonBody` or a
 * body validator (B5 refuses other types with 415), the parsers' media types for `parsedBody`, any
 * type for raw `body`. The schema comes from the route's body validators, converted by their library.
 *
 * @example
 * operationRequestBody(view, registry) // { required: true, content: { 'application/json': { schema: { $ref: … } } } }
 */
export function operationRequestBody(
  view: RouteView,
  registry: SchemaRegistry,
): RequestBodyObject | undefined {
  const { plan } = view
  if (!plan.readsBody) return undefined
  const schemas: JsonSchema[] = []
  for (const provider of view.providers) {
    const schema = validatorSource(provider) === 'body' ? validatorSchema(provider) : undefined
    const registered = schema === undefined ? undefined : registry.add(schema, provider.name, 'input')
    if (registered !== undefined) schemas.push(registered.ref)
  }
  const [only, ...others] = schemas
  const schema = only === undefined ? {} : others.length === 0 ? only : { allOf: schemas }
  const parsed = view.providers.some((p) => p.name === 'parsedBody')
  const content: Record<string, MediaTypeObject> = {}
  if (plan.readsJson) content['application/json'] = { schema }
  else if (parsed) for (const type of parsedTypes(view)) content[type] = { schema }
  else content['*/*'] = {}
  return { required: plan.readsJson || parsed, content }
}

/**
 * The media types `parsedBody` reads for the route (B5): its `accepts` list as registered — concrete
 * types only where a parser exists — or, by default, the parsers' concrete types that B5 lets through.
 */
function parsedTypes(view: RouteView): string[] {
  const accepted = view.plan.acceptsContentType ?? (() => true)
  const candidates = view.accepts ?? view.plan.bodyParsers.flatMap((parser) => parser.mediaTypes)
  const types = new Set<string>()
  for (const type of candidates) {
    if (type.includes('*') ? view.accepts !== undefined : accepted(type)) types.add(type)
  }
  return types.size > 0 ? [...types] : ['*/*']
}
