/**
 * Skips over JavaScript source without parsing it: strings, template literals (with their `${}`
 * substitutions), regular-expression literals, comments and nested brackets are stepped over whole,
 * so a `}` or `,` inside them never ends a parameter default early.
 */

/** Words after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER_WORD = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
])

const WORD = /[\w$\u0080-\uffff]/

/**
 * Returns the index of the first `stop` character found outside any bracket, literal or comment,
 * scanning from `start` (the source length when there is none). A `/` at the very start, or after
 * an operator, opens a regular expression.
 *
 * @example
 * skipToTopLevel('= /[}]/, b }', 0, ',}') // 7
 */
// biome-ignore lint/complexity/noExcessiveCognitiveComplexity: a hand-written scanner over strings, comments, regexes and brackets (32); its branches are the grammar
export function skipToTopLevel(source: string, start: number, stops: string): number {
  let i = start
  let depth = 0
  // Whether a `/` here would begin a regular expression (ECMA-262 §12: the goal symbol depends
  // on the previous token: after an operand it divides, after an operator it starts a literal).
  let regexAllowed = true
  while (i < source.length) {
    const ch = source[i] as string
    if (depth === 0 && stops.includes(ch)) return i
    if (ch === '/' && (source[i + 1] === '/' || source[i + 1] === '*')) {
      i = skipComment(source, i)
    } else if (ch === '"' || ch === "'") {
      i = skipQuoted(source, i)
      regexAllowed = false
    } else if (ch === '`') {
      i = skipTemplate(source, i)
      regexAllowed = false
    } else if (ch === '/') {
      if (regexAllowed) {
        i = skipRegex(source, i)
        regexAllowed = false
      } else {
        i++
        regexAllowed = true
      }
    } else if (WORD.test(ch)) {
      const begin = i
      while (i < source.length && WORD.test(source[i] as string)) i++
      regexAllowed = REGEX_AFTER_WORD.has(source.slice(begin, i))
    } else if (/\s/.test(ch)) {
      i++
    } else {
      if (ch === '(' || ch === '[' || ch === '{') depth++
      else if (ch === ')' || ch === ']' || ch === '}') depth--
      // After `)` or `]` comes an operand's end; after `}` (a block) or any operator, a new expression.
      regexAllowed = ch !== ')' && ch !== ']'
      i++
    }
  }
  return i
}

/** Returns the index just past the `'…'` or `"…"` literal starting at `start`. */
export function skipQuoted(source: string, start: number): number {
  const quote = source[start]
  let i = start + 1
  while (i < source.length) {
    const ch = source[i]
    if (ch === '\\') i += 2
    else if (ch === quote) return i + 1
    else i++
  }
  return i
}

/** Returns the index just past the template literal starting at `start`, substitutions included. */
export function skipTemplate(source: string, start: number): number {
  let i = start + 1
  while (i < source.length) {
    const ch = source[i]
    if (ch === '\\') i += 2
    else if (ch === '`') return i + 1
    else if (ch === '$' && source[i + 1] === '{') {
      // A substitution is an expression of its own: strings, regexes, nested templates, braces.
      i = skipToTopLevel(source, i + 2, '}') + 1
    } else i++
  }
  return i
}

/** Returns the index just past the regular-expression literal (and its flags) starting at `start`. */
export function skipRegex(source: string, start: number): number {
  let i = start + 1
  let inClass = false
  while (i < source.length) {
    const ch = source[i]
    if (ch === '\\') i += 2
    else if (ch === '\n' || ch === '\r') return i
    else if (inClass) {
      if (ch === ']') inClass = false
      i++
    } else if (ch === '[') {
      inClass = true
      i++
    } else if (ch === '/') {
      i++
      while (i < source.length && WORD.test(source[i] as string)) i++
      return i
    } else i++
  }
  return i
}

/** Returns the index just past the `//` or `/* *\/` comment starting at `start`. */
export function skipComment(source: string, start: number): number {
  if (source[start + 1] === '/') {
    const end = source.indexOf('\n', start)
    return end === -1 ? source.length : end + 1
  }
  const end = source.indexOf('*/', start + 2)
  return end === -1 ? source.length : end + 2
}
