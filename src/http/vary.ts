import { isToken, skipOws } from './lexer.js'

/**
 * Adds field names to a Vary value (RFC 9110 §12.5.5), keeping existing members and their order,
 * de-duplicating case-insensitively (field names are case-insensitive, §5.1) with the first spelling
 * kept, and collapsing to `*` when either side holds `*`, which already means "varies on everything".
 * Empty members of `existing` are dropped; the result is `''` when there is nothing to vary on.
 * Throws a TypeError when a name to add is neither a token nor `*`.
 *
 * @example
 * appendVary('Accept-Encoding', ['accept-encoding', 'Accept-Language']) // 'Accept-Encoding, Accept-Language'
 * appendVary('Accept', ['*']) // '*'
 */
export function appendVary(existing: string | null | undefined, fieldNames: readonly string[]): string {
  const names: string[] = []
  const lowered: string[] = []
  const add = (name: string): boolean => {
    if (name === '*') return false
    const lower = name.toLowerCase()
    if (!lowered.includes(lower)) {
      names.push(name)
      lowered.push(lower)
    }
    return true
  }
  if (existing) {
    let i = 0
    while (i < existing.length) {
      let comma = existing.indexOf(',', i)
      if (comma === -1) comma = existing.length
      const start = skipOws(existing, i)
      let end = comma
      while (end > start && isOws(existing.charCodeAt(end - 1))) end--
      if (end > start && !add(existing.slice(start, end))) return '*'
      i = comma + 1
    }
  }
  for (const name of fieldNames) {
    if (name !== '*' && !isToken(name))
      throw new TypeError(`Invalid Vary field name: ${JSON.stringify(name)}`)
    if (!add(name)) return '*'
  }
  return names.join(', ')
}

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09
}
