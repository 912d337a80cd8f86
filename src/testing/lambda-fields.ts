/** Header or query lines as `[name, value]` pairs, in order; a name may repeat. */
export type Lines = ReadonlyArray<readonly [string, string]>

/** The lines with this name, compared case-insensitively (RFC 9110 §5.1), spelling untouched. */
export function linesNamed(lines: Lines, name: string): Lines {
  return lines.filter(([n]) => n.toLowerCase() === name)
}

/** The lines whose name is none of `names` (lower-case), compared case-insensitively. */
export function withoutNamed(lines: Lines, ...names: string[]): Lines {
  return lines.filter(([n]) => !names.includes(n.toLowerCase()))
}

/**
 * Every value of each name. Header names compare case-insensitively and keep the spelling of their
 * first line; query parameter names (`query: true`) are case-sensitive.
 */
export function grouped(lines: Lines, query = false): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null)
  const spelling = new Map<string, string>()
  for (const [name, value] of lines) {
    const folded = query ? name : name.toLowerCase()
    const key = spelling.get(folded) ?? name
    spelling.set(folded, key)
    const list = out[key]
    if (list === undefined) out[key] = [value]
    else list.push(value)
  }
  return out
}

/** The last value of each name (names compared as in {@link grouped}). */
export function lastWins(lines: Lines, query = false): Record<string, string> {
  const out: Record<string, string> = Object.create(null)
  for (const [name, values] of Object.entries(grouped(lines, query))) {
    const last = values.at(-1)
    if (last !== undefined) out[name] = last // always: grouped makes a name's list with its first line
  }
  return out
}

/** One comma-joined value per name, as HTTP APIs and Function URLs deliver repeated fields. */
export function joined(lines: Lines, query = false): Record<string, string> {
  const out: Record<string, string> = Object.create(null)
  for (const [name, values] of Object.entries(grouped(lines, query))) out[name] = values.join(',')
  return out
}

/** The `name=value` pairs of a raw query, left percent-encoded. */
export function splitQuery(rawQuery: string): Lines {
  if (rawQuery === '') return []
  return rawQuery.split('&').map((pair) => {
    const equals = pair.indexOf('=')
    return equals === -1 ? [pair, ''] : [pair.slice(0, equals), pair.slice(equals + 1)]
  })
}
