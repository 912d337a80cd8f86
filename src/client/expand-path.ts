/** `{name}` and `{name:path}` parameters of a path template. */
const PARAMETER = /\{([^}:]+)(?::([^}]+))?\}/g

/**
 * A percent-encoded path segment (RFC 3986 §3.3): everything but unreserved characters and the
 * sub-delimiters `encodeURIComponent` leaves alone (`!'()*`, all allowed in a segment) is encoded,
 * `/`, `?`, `#` and `%` included, so a value never changes the path's structure.
 */
function encodeSegment(value: string): string {
  return encodeURIComponent(value)
}

/**
 * The path of a template with its parameters filled in, each percent-encoded as one segment; a
 * `{name:path}` parameter spans segments, so its `/`s are kept and each segment encoded.
 *
 * @example
 * expandPath('/documents/{id}', { id: 'a b/c' }) // '/documents/a%20b%2Fc'
 */
export function expandPath(template: string, params: Readonly<Record<string, unknown>> = {}): string {
  return template.replace(PARAMETER, (_, name: string, converter: string | undefined) => {
    const value = params[name]
    if (value === undefined || value === null)
      throw new TypeError(`path parameter '${name}' of '${template}' is missing`)
    const text = String(value)
    return converter === 'path' ? text.split('/').map(encodeSegment).join('/') : encodeSegment(text)
  })
}

/**
 * A query string from named values (`application/x-www-form-urlencoded`, as `URLSearchParams`
 * writes it); `undefined` values are left out. Empty when nothing is left.
 *
 * @example
 * queryString({ q: 'a b', page: 2, draft: undefined }) // '?q=a+b&page=2'
 */
export function queryString(query: Readonly<Record<string, unknown>> | undefined): string {
  if (query === undefined) return ''
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, String(item))
  }
  const text = search.toString()
  return text === '' ? '' : `?${text}`
}
