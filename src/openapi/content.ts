import { isBodylessStatus } from '../http/index.js'
import type { JsonSchema, MediaTypeObject } from './openapi-types.js'
import type { RouteView } from './route-view.js'

/**
 * Whether a media type carries JSON (`application/json` and `+json` types, RFC 6839 §3.1).
 *
 * @example
 * isJsonType('application/hal+json') // true
 */
export const isJsonType = (mediaType: string) =>
  mediaType === 'application/json' || /^[^/]+\/[^;]+\+json$/.test(mediaType)

/**
 * The media types a successful response of this operation can have: the route's `provides` (or the
 * application's) in order of preference — what C4 negotiates — else JSON, the machine's rendering of
 * objects. `undefined` for HEAD, bodyless statuses and redirects.
 *
 * @example
 * successContent(view, 200, { $ref: '#/components/schemas/Document' }) // { 'application/json': { schema: … } }
 */
export function successContent(
  view: RouteView,
  status: number,
  schema: JsonSchema | undefined,
): Record<string, MediaTypeObject> | undefined {
  if (view.method === 'HEAD' || isBodylessStatus(status) || (status >= 300 && status < 400)) return undefined
  const offered = view.plan.negotiation.mediaTypes
  const content: Record<string, MediaTypeObject> = {}
  for (const type of offered.length > 0 ? offered : ['application/json']) {
    content[type] = {
      schema: isJsonType(type) ? (schema ?? {}) : type.startsWith('text/') ? { type: 'string' } : {},
    }
  }
  // RFC 9110 §14.6: several ranges come back as one multipart/byteranges body.
  if (status === 206) content['multipart/byteranges'] = { schema: { type: 'string' } }
  return content
}

/** The `$ref`s of the shared error schemas. */
export interface ErrorRefs {
  readonly error: JsonSchema
  readonly validation: JsonSchema
  readonly problem: JsonSchema
}

/**
 * The content of an error response: the shared `Error` schema (`ValidationError` for 422) and its
 * RFC 9457 form for clients that ask for `application/problem+json` — only the latter when the
 * application sets `problemDetails`. An open schema when the application replaced that status's body
 * with an error handler (or the author gave one).
 *
 * @example
 * errorContent(view, 404, refs, { customised: false, problemDetails: false })['application/json']
 * // { schema: { $ref: '#/components/schemas/Error' } }
 */
export function errorContent(
  view: RouteView,
  status: number,
  refs: ErrorRefs,
  { customised, problemDetails }: { readonly customised: boolean; readonly problemDetails: boolean },
): Record<string, MediaTypeObject> | undefined {
  if (view.method === 'HEAD') return undefined
  if (customised) return { 'application/json': { schema: {} } }
  const problem = { 'application/problem+json': { schema: refs.problem } }
  if (problemDetails) return problem
  return { 'application/json': { schema: status === 422 ? refs.validation : refs.error }, ...problem }
}
