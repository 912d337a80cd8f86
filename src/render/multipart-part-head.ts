import { BadRequest } from '../errors/index.js'

/**
 * What a `multipart/form-data` part's header section says about it (RFC 7578 §4.2, §4.4).
 *
 * @example
 * parsePartHead(bytes) // { name: 'avatar', filename: 'me.png', type: 'image/png' }
 */
export interface PartHead {
  /** The form field name (`Content-Disposition: form-data; name=…`). */
  readonly name: string
  /** The file name as sent, when the part is a file (`filename=` present, even empty). */
  readonly filename: string | undefined
  /** The part's `Content-Type`, lower-case, when sent. */
  readonly type: string | undefined
}

const decoder = new TextDecoder()
// RFC 9110 §5.6.2: token = 1*tchar.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/**
 * Parses a part's header section: field lines `name: value` separated by CRLF (RFC 2046 §5.1,
 * RFC 5322 §2.2). It needs exactly one `Content-Disposition` of type `form-data` with exactly one
 * `name` parameter (RFC 7578 §4.2); anything else → 400, since two readings of one part would let
 * a filter and the application see different fields. Header fields other than these are ignored.
 *
 * @example
 * parsePartHead(new TextEncoder().encode('Content-Disposition: form-data; name="a"')).name // 'a'
 */
export function parsePartHead(bytes: Uint8Array): PartHead {
  let disposition: string | undefined
  let type: string | undefined
  const text = decoder.decode(bytes)
  for (const line of text === '' ? [] : text.split('\r\n')) {
    const colon = line.indexOf(':')
    const field = colon === -1 ? '' : line.slice(0, colon)
    if (!TOKEN.test(field))
      throw new BadRequest('A part of the multipart content has a malformed header field')
    const value = line.slice(colon + 1).trim()
    const key = field.toLowerCase()
    if (key === 'content-disposition') {
      if (disposition !== undefined)
        throw new BadRequest('A part of the multipart content has two Content-Dispositions')
      disposition = value
    } else if (key === 'content-type') type = value.toLowerCase()
  }
  if (disposition === undefined) {
    throw new BadRequest(
      'Each part of multipart/form-data content needs a Content-Disposition (RFC 7578 §4.2)',
    )
  }
  const params = parseDisposition(disposition)
  const name = params.get('name')
  if (name === undefined) throw new BadRequest('A part of the form content has no field name (RFC 7578 §4.2)')
  return { name, filename: params.get('filename'), type }
}

/** `form-data *( OWS ";" OWS name "=" ( token / quoted-string ) )`, parameter names case-insensitive. */
function parseDisposition(value: string): Map<string, string> {
  const semicolon = value.indexOf(';')
  const kind = (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase()
  if (kind !== 'form-data') {
    throw new BadRequest('A part of the form content is not Content-Disposition: form-data (RFC 7578 §4.2)')
  }
  const params = new Map<string, string>()
  let i = semicolon === -1 ? value.length : semicolon + 1
  while (i < value.length) {
    while (value[i] === ' ' || value[i] === '\t') i++
    const equals = value.indexOf('=', i)
    if (equals === -1) throw malformed()
    const name = value.slice(i, equals).trim().toLowerCase()
    if (!TOKEN.test(name) || params.has(name)) throw malformed()
    let parsed: string
    ;[parsed, i] = value[equals + 1] === '"' ? quoted(value, equals + 2) : bare(value, equals + 1)
    params.set(name, percentUnescape(parsed))
    while (value[i] === ' ' || value[i] === '\t') i++
    if (i < value.length && value[i++] !== ';') throw malformed()
  }
  return params
}

/** A quoted-string's content from just after its opening quote (RFC 9110 §5.6.4), and where it ends. */
function quoted(value: string, from: number): [string, number] {
  let out = ''
  for (let i = from; i < value.length; i++) {
    const c = value[i] as string
    if (c === '"') return [out, i + 1]
    // quoted-pair for `"` and `\`; browsers send other backslashes (Windows paths) unescaped.
    if (c === '\\' && (value[i + 1] === '"' || value[i + 1] === '\\')) out += value[++i]
    else out += c
  }
  throw malformed()
}

function bare(value: string, from: number): [string, number] {
  const semicolon = value.indexOf(';', from)
  const end = semicolon === -1 ? value.length : semicolon
  return [value.slice(from, end).trim(), end]
}

/** Browsers write `"`, CR and LF in names as `%22`, `%0D`, `%0A` (HTML §4.10.21.8); undo just those. */
function percentUnescape(text: string): string {
  if (!text.includes('%')) return text
  return text.replace(/%(22|0d|0a)/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
}

function malformed(): BadRequest {
  return new BadRequest('A part of the form content has a malformed Content-Disposition')
}
