/** Options of {@link parseCookieHeader}. */
export interface ParseCookieOptions {
  /**
   * Decodes each value, for instance `decodeURIComponent`; when it throws, the raw value is kept.
   * Values are not decoded by default, since RFC 6265 gives cookie values no encoding.
   */
  readonly decode?: (value: string) => string
}

/**
 * Parses a Cookie request field (RFC 6265 §4.2.1, §5.4) into a null-prototype record of names to
 * values, so names like `__proto__` or `constructor` are plain keys. It never throws and is lenient
 * like browsers: pairs are split on `;`, whitespace around names and values is trimmed, a pair
 * without `=` or with an empty name is skipped, the first occurrence of a name wins (RFC 6265 §5.4
 * puts the most specific path first), and one pair of surrounding double quotes is removed. Values
 * are not percent-decoded unless `options.decode` says how.
 *
 * @example
 * parseCookieHeader('sid=abc123; theme="dark"') // { sid: 'abc123', theme: 'dark' }
 */
export function parseCookieHeader(
  header: string | null | undefined,
  options?: ParseCookieOptions,
): Record<string, string> {
  const cookies: Record<string, string> = Object.create(null)
  if (!header) return cookies
  const decode = options?.decode
  const length = header.length
  let equals = header.indexOf('=')
  let i = 0
  while (i < length && equals !== -1) {
    let semicolon = header.indexOf(';', i)
    if (semicolon === -1) semicolon = length
    // Reuse the last `=` found while it lies ahead, so a field full of `;` stays linear.
    if (equals < i) equals = header.indexOf('=', i)
    if (equals !== -1 && equals < semicolon) {
      const nameStart = skipWsp(header, i, equals)
      const nameEnd = trimWspEnd(header, nameStart, equals)
      if (nameEnd > nameStart) {
        const name = header.slice(nameStart, nameEnd)
        if (cookies[name] === undefined) cookies[name] = readValue(header, equals + 1, semicolon, decode)
      }
    }
    i = semicolon + 1
  }
  return cookies
}

function readValue(
  s: string,
  start: number,
  end: number,
  decode: ((v: string) => string) | undefined,
): string {
  start = skipWsp(s, start, end)
  end = trimWspEnd(s, start, end)
  // RFC 6265 §4.1.1: cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE )
  if (end - start >= 2 && s.charCodeAt(start) === 0x22 && s.charCodeAt(end - 1) === 0x22) {
    start++
    end--
  }
  const value = s.slice(start, end)
  if (decode === undefined) return value
  try {
    return decode(value)
  } catch {
    return value
  }
}

function skipWsp(s: string, i: number, end: number): number {
  while (i < end && (s.charCodeAt(i) === 0x20 || s.charCodeAt(i) === 0x09)) i++
  return i
}

function trimWspEnd(s: string, start: number, end: number): number {
  while (end > start && (s.charCodeAt(end - 1) === 0x20 || s.charCodeAt(end - 1) === 0x09)) end--
  return end
}
