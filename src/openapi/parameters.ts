import type { DocumentedRoute } from './application-view.js'
import type { JsonSchema, ParameterObject } from './openapi-types.js'
import { validatorSchema, validatorSource } from './provider-docs.js'
import { isSafeRead, type RouteView } from './route-view.js'
import type { SchemaRegistry } from './schema-registry.js'

const header = (name: string, description: string): ParameterObject => ({
  name,
  in: 'header',
  description,
  schema: { type: 'string' },
})

/**
 * The parameters of an operation: its path parameters (always required strings; a trailing
 * `{name:path}` may contain `/`), its query from `validates(name, schema, { source: 'query' })`, and
 * the conditional and range headers its plan answers (If-Match, If-None-Match, If-Modified-Since,
 * If-Unmodified-Since, Range, If-Range).
 *
 * @example
 * operationParameters(route, view, registry).map((p) => p.name) // ['id', 'If-Match', 'If-None-Match']
 */
export function operationParameters(
  route: DocumentedRoute,
  view: RouteView,
  registry: SchemaRegistry,
): ParameterObject[] {
  const parameters: ParameterObject[] = []
  for (const segment of route.template.segments) {
    if (segment.kind === 'static') continue
    parameters.push({
      name: segment.name,
      in: 'path',
      required: true,
      ...(segment.kind === 'wildcard' ? { description: 'The rest of the path; it may contain `/`.' } : {}),
      schema: { type: 'string' },
    })
  }
  const query = new Set<string>()
  for (const provider of view.providers) {
    const schema = validatorSource(provider) === 'query' ? validatorSchema(provider) : undefined
    const registered = schema === undefined ? undefined : registry.add(schema, provider.name, 'input')
    if (registered === undefined) continue
    const { properties, required } = registered.schema as { properties?: unknown; required?: unknown }
    if (typeof properties !== 'object' || properties === null) {
      // Not an object of named fields: the whole query, as form-style key=value pairs.
      parameters.push({
        name: provider.name,
        in: 'query',
        style: 'form',
        explode: true,
        schema: registered.ref,
      })
      continue
    }
    for (const [name, property] of Object.entries(properties as Record<string, JsonSchema>)) {
      if (query.has(name)) continue
      query.add(name)
      const isRequired = Array.isArray(required) && required.includes(name)
      parameters.push({ name, in: 'query', ...(isRequired ? { required: true } : {}), schema: property })
    }
  }
  parameters.push(...conditionalHeaders(view))
  return parameters
}

function conditionalHeaders(view: RouteView): ParameterObject[] {
  const { nodes } = view
  const read = isSafeRead(view)
  const headers: ParameterObject[] = []
  // RFC 9110 §13.1: the machine answers these before the handler runs.
  if (nodes.has('G8'))
    headers.push(header('If-Match', 'Entity tags (strong comparison) or `*`; none matching → 412.'))
  if (nodes.has('H10') && nodes.has('H12'))
    headers.push(header('If-Unmodified-Since', 'An HTTP-date; modified since → 412. Ignored with If-Match.'))
  if (nodes.has('I12')) {
    headers.push(
      header(
        'If-None-Match',
        read
          ? 'Entity tags (weak comparison) or `*`; one matching → 304.'
          : 'Entity tags or `*` (e.g. `*` to act only if the resource does not exist); one matching → 412.',
      ),
    )
  }
  if (nodes.has('L13') && read)
    headers.push(
      header('If-Modified-Since', 'An HTTP-date; not modified since → 304. Ignored with If-None-Match.'),
    )
  if (view.plan.ranges && view.method === 'GET') {
    headers.push(
      header('Range', 'Byte ranges, e.g. `bytes=0-99` or `bytes=-100` → 206; unsatisfiable → 416.'),
    )
    headers.push(
      header('If-Range', 'A strong ETag or the Last-Modified date; the Range applies only if it matches.'),
    )
  }
  return headers
}
