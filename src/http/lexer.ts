/**
 * Character-level scanners shared by the header parsers of this room. They work on indexes into the
 * original string so that parsing a header allocates only the values it keeps.
 */

// RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" /
// "|" / "~" / DIGIT / ALPHA. A lookup table beats a regex on the hot path.
const TCHAR = new Uint8Array(128)
for (let code = 0x30; code <= 0x39; code++) TCHAR[code] = 1
for (let code = 0x41; code <= 0x5a; code++) TCHAR[code] = 1
for (let code = 0x61; code <= 0x7a; code++) TCHAR[code] = 1
for (const char of "!#$%&'*+-.^_`|~") TCHAR[char.charCodeAt(0)] = 1

const SPACE = 0x20
const TAB = 0x09
const DQUOTE = 0x22
const BACKSLASH = 0x5c

/**
 * Whether a UTF-16 code unit is a `tchar` (RFC 9110 §5.6.2).
 *
 * @example
 * isTokenChar('!'.charCodeAt(0)) // true
 */
export function isTokenChar(code: number): boolean {
  return code < 128 && TCHAR[code] === 1
}

/**
 * Whether a string is a non-empty `token` (RFC 9110 §5.6.2), the syntax of field names, methods,
 * media-type names, parameter names and cookie names.
 *
 * @example
 * isToken('Content-Type') // true
 * isToken('a b') // false
 */
export function isToken(value: string): boolean {
  if (value.length === 0) return false
  for (let i = 0; i < value.length; i++) if (!isTokenChar(value.charCodeAt(i))) return false
  return true
}

/**
 * Index of the first character at or after `i` that is not optional whitespace (RFC 9110 §5.6.3).
 *
 * @example
 * skipOws('a \t b', 1) // 4
 */
export function skipOws(s: string, i: number): number {
  while (i < s.length) {
    const code = s.charCodeAt(i)
    if (code !== SPACE && code !== TAB) break
    i++
  }
  return i
}

/**
 * Index just past the run of `tchar`s that starts at `i` (equal to `i` when there is none).
 *
 * @example
 * tokenEnd('text/html', 0) // 4
 */
export function tokenEnd(s: string, i: number): number {
  while (i < s.length && isTokenChar(s.charCodeAt(i))) i++
  return i
}

/**
 * Index just past the `quoted-string` that opens at `i` (RFC 9110 §5.6.4), or -1 when `s[i]` is not a
 * double quote or the string is not terminated.
 *
 * @example
 * quotedStringEnd('"a\\"b" c', 0) // 6
 */
export function quotedStringEnd(s: string, i: number): number {
  if (s.charCodeAt(i) !== DQUOTE) return -1
  for (let j = i + 1; j < s.length; j++) {
    const code = s.charCodeAt(j)
    if (code === DQUOTE) return j + 1
    if (code === BACKSLASH) j++ // RFC 9110 §5.6.4: quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
  }
  return -1
}

/**
 * The content of the `quoted-string` spanning `[start, end)` (quotes included) with quoted-pairs
 * unescaped (RFC 9110 §5.6.4: a recipient replaces a quoted-pair with the octet that follows the "\").
 *
 * @example
 * unquote('"a\\"b"', 0, 6) // 'a"b'
 */
export function unquote(s: string, start: number, end: number): string {
  const inner = s.slice(start + 1, end - 1)
  if (inner.indexOf('\\') === -1) return inner
  let out = ''
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i] as string
    if (char === '\\' && i + 1 < inner.length) {
      out += inner[i + 1]
      i++
    } else out += char
  }
  return out
}

/**
 * Index of the next top-level `,` at or after `i` (one inside a quoted-string does not count), or
 * `s.length`; list parsers use it to skip a malformed element and resume at the next one.
 *
 * @example
 * nextComma('a="x,y", b', 0) // 7
 */
export function nextComma(s: string, i: number): number {
  while (i < s.length) {
    const code = s.charCodeAt(i)
    if (code === 0x2c) return i
    if (code === DQUOTE) {
      const end = quotedStringEnd(s, i)
      if (end === -1) return s.length
      i = end
    } else i++
  }
  return s.length
}

/**
 * Whether `s.slice(start, end)` equals `lower` ignoring ASCII case, without allocating; `lower` must be
 * lower-case ASCII.
 *
 * @example
 * equalsLowerAscii('Content-Type: JSON', 14, 18, 'json') // true
 */
export function equalsLowerAscii(s: string, start: number, end: number, lower: string): boolean {
  if (end - start !== lower.length) return false
  for (let i = 0; i < lower.length; i++) {
    let code = s.charCodeAt(start + i)
    if (code >= 0x41 && code <= 0x5a) code |= 0x20
    if (code !== lower.charCodeAt(i)) return false
  }
  return true
}
