import type { HeaderObject } from './openapi-types.js'
import { isSafeRead, type RouteView } from './route-view.js'

const text = (description: string, required = false): HeaderObject => ({
  description,
  ...(required ? { required } : {}),
  schema: { type: 'string' },
})

/**
 * The headers the machine adds to a response of this status for this route: `Location` on 201 and
 * redirects, `WWW-Authenticate` on 401, validators on GET/HEAD successes and 304s, `Vary` from
 * negotiation, `Content-Range` and `Accept-Ranges` for byte ranges.
 *
 * @example
 * responseHeaders(view, 304, 'Bearer') // { ETag: …, 'Last-Modified': … }
 */
// biome-ignore lint/complexity/noExcessiveCognitiveComplexity: one branch per header the machine may send (35); to be table-driven after the issue 10 status table lands
export function responseHeaders(
  view: RouteView,
  status: number,
  challenge: string,
): Record<string, HeaderObject> | undefined {
  const { plan, nodes } = view
  const headers: Record<string, HeaderObject> = {}
  const success = status >= 200 && status < 300
  if (status === 201) headers.Location = text('The URL of the created resource.', true)
  if (status === 301 || status === 307) headers.Location = text('Where the resource is now.', true)
  if (status === 401)
    headers['WWW-Authenticate'] = text(`The authentication challenge, e.g. \`${challenge}\`.`)
  if (status === 206)
    headers['Content-Range'] = text(
      'For a single range: the range sent and the full length (RFC 9110 §14.4).',
    )
  if (status === 416)
    headers['Content-Range'] = text('`bytes */length`: the full length (RFC 9110 §14.4).', true)
  if ((success && status !== 204 && isSafeRead(view)) || status === 304) {
    if (plan.resource?.etag !== undefined) headers.ETag = text('The entity tag of the representation.')
    if (plan.resource?.lastModified !== undefined) headers['Last-Modified'] = text('When it last changed.')
    if (plan.cacheControl !== undefined) {
      headers['Cache-Control'] = {
        description: 'Caching directives.',
        // A function of the path gives a value per path: no single one to document.
        schema:
          typeof plan.cacheControl === 'string'
            ? { type: 'string', const: plan.cacheControl }
            : { type: 'string' },
      }
    }
  }
  if ((success && status !== 204) || status === 304) {
    // The machine adds a field to Vary only where there was a choice to make (negotiation-nodes.ts).
    const { mediaTypes, languages = [], charsets = [] } = plan.negotiation
    const varies = [
      ...(nodes.has('C4') && mediaTypes.length > 1 ? ['Accept'] : []),
      ...(nodes.has('D5') && languages.length > 1 ? ['Accept-Language'] : []),
      ...(nodes.has('E6') && charsets.length > 1 ? ['Accept-Charset'] : []),
      ...(nodes.has('F7') ? ['Accept-Encoding'] : []),
    ]
    if (varies.length > 0)
      headers.Vary = text(`The request headers the representation was chosen by: ${varies.join(', ')}.`)
    if (plan.negotiation.languages !== undefined) {
      headers['Content-Language'] = { schema: { type: 'string', enum: [...plan.negotiation.languages] } }
    }
  }
  if (plan.ranges && isSafeRead(view) && status === 200) {
    headers['Accept-Ranges'] = {
      description: 'Byte ranges are supported.',
      schema: { type: 'string', const: 'bytes' },
    }
  }
  return Object.keys(headers).length === 0 ? undefined : headers
}
