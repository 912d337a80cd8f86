import { quotedStringEnd, skipOws, tokenEnd, unquote } from './lexer.js'

/**
 * Reads `*( OWS ";" OWS [ parameter ] )` from `i` into `into` (RFC 9110 §5.6.6), the parameter section
 * shared by media types and weighted lists, and returns the index where it stopped: `s.length` or a
 * top-level `,` on success, -1 on a syntax error. Names are lower-cased, quoted values unescaped, and
 * a repeated name keeps its first value; `into` should have a null prototype. When `stopAtQ` is set,
 * reading stops right after a `q` parameter (stored under `q`): RFC 9110 §12.5.1 makes it the
 * separator between media-type parameters and accept-ext.
 *
 * @example
 * const params = Object.create(null)
 * parseParameters('text/html;level=1;q=0.5', 9, params, true) // 23, params is { level: '1', q: '0.5' }
 */
export function parseParameters(s: string, i: number, into: Record<string, string>, stopAtQ = false): number {
  for (;;) {
    i = skipOws(s, i)
    if (i === s.length || s.charCodeAt(i) === 0x2c) return i
    if (s.charCodeAt(i) !== 0x3b) return -1
    i = skipOws(s, i + 1)
    if (i === s.length || s.charCodeAt(i) === 0x3b || s.charCodeAt(i) === 0x2c) continue // empty parameter
    const nameEnd = tokenEnd(s, i)
    if (nameEnd === i || s.charCodeAt(nameEnd) !== 0x3d) return -1
    const valueStart = nameEnd + 1
    let valueEnd: number
    let paramValue: string
    if (s.charCodeAt(valueStart) === 0x22) {
      valueEnd = quotedStringEnd(s, valueStart)
      if (valueEnd === -1) return -1
      paramValue = unquote(s, valueStart, valueEnd)
    } else {
      valueEnd = tokenEnd(s, valueStart)
      if (valueEnd === valueStart) return -1 // RFC 9110 §5.6.6: parameter-value = ( token / quoted-string )
      paramValue = s.slice(valueStart, valueEnd)
    }
    const isQ = stopAtQ && nameEnd - i === 1 && (s.charCodeAt(i) | 0x20) === 0x71
    const name = isQ ? 'q' : s.slice(i, nameEnd).toLowerCase()
    if (into[name] === undefined) into[name] = paramValue
    i = valueEnd
    if (isQ) return i
  }
}
