import { ConfigurationError } from '../errors/index.js'
import { isFieldName, isFieldValue, type RestRequest, type RestResponse } from '../http/index.js'

/** The header fields of the `defaultHeaders` option, by name; an `undefined` value is no field. */
export type HeaderFields = Readonly<Record<string, string | undefined>>

/**
 * The `defaultHeaders` option: fields every response gets unless it already has them (errors, 304s
 * and OPTIONS answers included), fixed or computed from the request and the response's status.
 *
 * @example
 * const headers: DefaultHeadersOption = ({ status }) => (status >= 500 ? { 'retry-after': '5' } : undefined)
 */
export type DefaultHeadersOption =
  | HeaderFields
  | ((response: { readonly request: RestRequest; readonly status: number }) => HeaderFields | undefined)

/** The compiled option: fixed fields checked and lower-cased at start, or the function. */
export type DefaultHeaders =
  | { readonly fixed: readonly (readonly [string, string])[] }
  | { readonly computed: Extract<DefaultHeadersOption, (...args: never[]) => unknown> }

/**
 * Compiles the option once: fixed fields with a name that is no token or a value with CR, LF or
 * another control character are a ConfigurationError.
 *
 * @example
 * defaultHeadersOf({ 'X-Api-Version': '2' }) // { fixed: [['x-api-version', '2']] }
 */
export function defaultHeadersOf(option: DefaultHeadersOption | undefined): DefaultHeaders | undefined {
  if (option === undefined) return undefined
  if (typeof option === 'function') return { computed: option }
  const fixed: [string, string][] = []
  for (const name of Object.keys(option)) {
    const value = option[name]
    if (value === undefined) continue
    // RFC 9110 §5.1: a field name is a token; §5.5: a value has no CR, LF, NUL or other control.
    if (!isFieldName(name) || typeof value !== 'string' || !isFieldValue(value)) {
      throw new ConfigurationError(`defaultHeaders: '${name}' is not a valid header field`)
    }
    fixed.push([name.toLowerCase(), value])
  }
  return { fixed }
}

/**
 * Adds the default fields the response does not have. A computed field with an invalid name or
 * value is left out: a response is never split or broken by it.
 */
export function applyDefaultHeaders(
  defaults: DefaultHeaders,
  request: RestRequest,
  response: RestResponse,
): void {
  const headers = response.headers
  if ('fixed' in defaults) {
    for (const [name, value] of defaults.fixed) headers[name] ??= value
    return
  }
  const fields = defaults.computed({ request, status: response.status })
  if (fields === undefined) return
  for (const name of Object.keys(fields)) {
    const value = fields[name]
    if (typeof value !== 'string' || !isFieldName(name) || !isFieldValue(value)) continue
    headers[name.toLowerCase()] ??= value
  }
}
