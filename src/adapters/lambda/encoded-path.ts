// RFC 3986 §3.3: a path is segments of pchar = unreserved / pct-encoded / sub-delims / ":" / "@".
// Anything else (space, non-ASCII, "?", "#", a "%" not starting an escape) cannot appear literally.
const NEEDS_ESCAPE = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]|%(?![0-9A-Fa-f]{2})/gu
const encoder = new TextEncoder()

/**
 * Returns a path in percent-encoded form. Paths that arrive encoded (REST APIs, Function URLs,
 * ALB) come back unchanged; paths a front door has already decoded (HTTP APIs decode `rawPath`)
 * get the characters that cannot appear literally escaped, so a decoded `?` never starts a query.
 *
 * @example
 * toEncodedPath('/files/a b?.txt') // '/files/a%20b%3F.txt'
 */
export function toEncodedPath(path: string): string {
  const encoded = path.replace(NEEDS_ESCAPE, (char) => {
    let out = ''
    for (const byte of encoder.encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
    return out
  })
  return encoded.startsWith('/') ? encoded : `/${encoded}`
}

/**
 * Removes a leading base path (`/v1` from `/v1/users`); a path that does not start with it, at a
 * segment boundary, is returned unchanged.
 *
 * @example
 * stripPrefix('/prod/users', '/prod') // '/users'
 */
export function stripPrefix(path: string, prefix: string): string {
  const base = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix
  if (base === '' || !path.startsWith(base)) return path
  const rest = path.slice(base.length)
  if (rest === '') return '/'
  return rest.startsWith('/') ? rest : path
}

/**
 * The base path a REST API custom domain put in front of `path`, found by counting the segments
 * the matched resource (`/users/{id}`, `/{proxy+}`) accounts for: API Gateway includes a custom
 * domain's base path mapping in `event.path`, but the resource template never contains it.
 *
 * @example
 * restApiBasePath('/petstore/users/7', '/users/{id}', {}) // '/petstore'
 */
export function restApiBasePath(
  path: string,
  resource: string | undefined,
  pathParameters: Record<string, string | undefined> | null | undefined,
): string {
  if (resource === undefined || resource === '') return ''
  const resourceSegments = segments(resource)
  let apiSegments = resourceSegments.length
  const last = resourceSegments[resourceSegments.length - 1]
  if (last !== undefined && /^\{[^}]+\+\}$/.test(last)) {
    const value = pathParameters?.[last.slice(1, -2)]
    if (value === undefined) return ''
    apiSegments += segments(value).length - 1
  }
  const pathSegments = segments(path)
  const extra = pathSegments.length - apiSegments
  return extra > 0 ? `/${pathSegments.slice(0, extra).join('/')}` : ''
}

function segments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '')
}
