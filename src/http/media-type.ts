import { equalsLowerAscii, isToken, skipOws, tokenEnd } from './lexer.js'
import { parseParameters } from './parameters.js'

/** A parsed media type (RFC 9110 §8.3.1); names are lower-cased because they are case-insensitive. */
export interface MediaType {
  /** Top-level type, lower-cased: `text` in `text/html`. */
  readonly type: string
  /** Subtype, lower-cased: `html` in `text/html`. */
  readonly subtype: string
  /** `type/subtype`, lower-cased: what to compare when parameters do not matter. */
  readonly essence: string
  /** Parameters by lower-cased name (null prototype); quoted-string values are unescaped. */
  readonly params: Record<string, string>
}

/**
 * Parses a media type such as a `Content-Type` value (RFC 9110 §8.3.1), or returns `null` when the
 * value does not follow the grammar. Media ranges with `*` wildcards parse too, since `*` is a token.
 *
 * @example
 * parseMediaType('Text/HTML; Charset="UTF-8"')
 * // { type: 'text', subtype: 'html', essence: 'text/html', params: { charset: 'UTF-8' } }
 */
export function parseMediaType(value: string): MediaType | null {
  const s = value
  const typeStart = skipOws(s, 0)
  const slash = tokenEnd(s, typeStart)
  if (slash === typeStart || s.charCodeAt(slash) !== 0x2f) return null
  const subtypeEnd = tokenEnd(s, slash + 1)
  if (subtypeEnd === slash + 1) return null
  const params: Record<string, string> = Object.create(null)
  if (parseParameters(s, subtypeEnd, params) !== s.length) return null
  const type = s.slice(typeStart, slash).toLowerCase()
  const subtype = s.slice(slash + 1, subtypeEnd).toLowerCase()
  return { type, subtype, essence: type + '/' + subtype, params }
}

/**
 * Whether a `Content-Type` value denotes JSON: `application/json` or any `+json` structured syntax
 * suffix (RFC 6839 §3.1), case-insensitively and with any parameters.
 *
 * @example
 * isJsonMediaType('application/problem+json; charset=utf-8') // true
 * isJsonMediaType('text/json') // false
 */
export function isJsonMediaType(contentType: string | null | undefined): boolean {
  if (!contentType) return false
  const s = contentType
  const typeStart = skipOws(s, 0)
  const slash = tokenEnd(s, typeStart)
  if (slash === typeStart || s.charCodeAt(slash) !== 0x2f) return false
  const end = tokenEnd(s, slash + 1)
  if (end === slash + 1) return false
  // What follows the subtype must be the parameter section or the end of the value.
  const rest = skipOws(s, end)
  if (rest !== s.length && s.charCodeAt(rest) !== 0x3b) return false
  if (equalsLowerAscii(s, slash + 1, end, 'json')) return equalsLowerAscii(s, typeStart, slash, 'application')
  return end - (slash + 1) > 5 && equalsLowerAscii(s, end - 5, end, '+json')
}

/**
 * Whether a media range (`type/subtype`, `type/*` or all-wildcard, optionally with parameters) covers a
 * media type, following RFC 9110 §12.5.1: wildcards match any name and every parameter of the range
 * must be present on the type with the same value. Unparseable input matches nothing.
 *
 * @example
 * mediaTypeMatches('text/*', 'text/html; charset=utf-8') // true
 * mediaTypeMatches('text/html;level=1', 'text/html') // false
 */
export function mediaTypeMatches(range: string | MediaType, type: string | MediaType): boolean {
  const r = typeof range === 'string' ? parseMediaType(range) : range
  const t = typeof type === 'string' ? parseMediaType(type) : type
  if (r === null || t === null) return false
  if (r.type !== '*' && r.type !== t.type) return false
  if (r.subtype !== '*' && r.subtype !== t.subtype) return false
  return paramsSubsetOf(r.params, t.params)
}

/**
 * Whether every parameter of `wanted` appears in `actual` with an equal value; parameter names are
 * already lower-cased and `charset` values compare case-insensitively (RFC 9110 §8.3.2).
 *
 * @example
 * paramsSubsetOf({ charset: 'utf-8' }, { charset: 'UTF-8', format: 'flowed' }) // true
 */
export function paramsSubsetOf(wanted: Record<string, string>, actual: Record<string, string>): boolean {
  for (const name in wanted) {
    const have = actual[name]
    if (have === undefined) return false
    const want = wanted[name] as string
    if (have !== want && (name !== 'charset' || have.toLowerCase() !== want.toLowerCase())) return false
  }
  return true
}

/**
 * Serialises a media type, quoting parameter values that are not tokens (RFC 9110 §5.6.6); throws a
 * TypeError when a name is not a token or a value holds a control character.
 *
 * @example
 * formatMediaType({ type: 'text', subtype: 'plain', params: { charset: 'utf-8' } })
 * // 'text/plain; charset=utf-8'
 */
export function formatMediaType(mediaType: {
  readonly type: string
  readonly subtype: string
  readonly params?: Readonly<Record<string, string>>
}): string {
  const { type, subtype, params } = mediaType
  if (!isToken(type) || !isToken(subtype)) throw new TypeError(`Invalid media type: ${type}/${subtype}`)
  let out = type + '/' + subtype
  if (params === undefined) return out
  for (const name of Object.keys(params)) {
    const value = params[name] as string
    if (!isToken(name)) throw new TypeError(`Invalid media type parameter name: ${name}`)
    out += '; ' + name + '=' + (isToken(value) ? value : quote(value))
  }
  return out
}

function quote(value: string): string {
  let out = '"'
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    // RFC 9110 §5.6.4: qdtext and quoted-pair exclude control characters other than HTAB.
    if ((code < 0x20 && code !== 0x09) || code === 0x7f || code > 0xff) {
      throw new TypeError(`Invalid character in media type parameter value: ${JSON.stringify(value)}`)
    }
    out += code === 0x22 || code === 0x5c ? '\\' + value[i] : value[i]
  }
  return out + '"'
}
