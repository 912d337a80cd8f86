/**
 * A request target split into what the core routes on, plus the authority of an absolute-form target.
 *
 * @example
 * const { path, rawQuery, authority }: SplitTarget = splitTarget(req.url ?? '/')
 */
export interface SplitTarget {
  /** The path, percent-encoded as received. */
  readonly path: string
  /** The query without `?`; `''` when absent. */
  readonly rawQuery: string
  /** The authority of an absolute-form target, which stands for the `Host` header (RFC 9112 §3.2.2). */
  readonly authority: string | undefined
}

// RFC 9112 §3.2.2: absolute-form = absolute-URI; for the schemes this server serves (RFC 9110 §4.2),
// "http" / "https" "://" authority path-abempty [ "?" query ]. Schemes are case-insensitive (RFC 3986 §3.1).
const ABSOLUTE_FORM = /^https?:\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/i

/**
 * Splits a request target (RFC 9112 §3.2) into path and query. An absolute-form target
 * (`GET http://example.com/documents HTTP/1.1`), which a server MUST accept (§3.2.2), is routed on its
 * path, and its authority replaces whatever `Host` says. Any other form is passed on as it is and
 * the core judges it.
 *
 * @example
 * splitTarget('http://example.com/documents?page=2')
 * // { path: '/documents', rawQuery: 'page=2', authority: 'example.com' }
 */
export function splitTarget(target: string): SplitTarget {
  if (target.charCodeAt(0) !== 47 /* '/' */) {
    const absolute = ABSOLUTE_FORM.exec(target)
    // RFC 9110 §4.2.1: an http(s) URI with an empty host is invalid; left as is, the core refuses it.
    const host = absolute?.[1]
    if (absolute !== null && host !== '' && host?.charCodeAt(0) !== 58 /* ':' */) {
      // RFC 9110 §4.2.3: an empty path is the same as "/".
      return { path: absolute[2] || '/', rawQuery: absolute[3] ?? '', authority: absolute[1] as string }
    }
  }
  const query = target.indexOf('?')
  return {
    path: query === -1 ? target : target.slice(0, query),
    rawQuery: query === -1 ? '' : target.slice(query + 1),
    authority: undefined,
  }
}

/**
 * Node's flat `rawHeaders` with every `Host` line replaced by one carrying `authority`: RFC 9112
 * §3.2.2 — "the origin server MUST ignore the received Host header field (if any) and instead use
 * the host information of the request-target".
 *
 * @example
 * withHost(['Host', 'a', 'Accept', '*\/*'], 'b') // ['Accept', '*\/*', 'host', 'b']
 */
export function withHost(raw: readonly string[], authority: string): string[] {
  const flat: string[] = []
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string
    if (name.length === 4 && name.toLowerCase() === 'host') continue
    flat.push(name, raw[i + 1] as string)
  }
  flat.push('host', authority)
  return flat
}
