/**
 * Reads which context names a function needs from the source of its single destructured
 * parameter, e.g. `({ currentUser, database: db = fallback }) => …` → `['currentUser', 'database']`.
 * Keys survive minification (only local bindings are renamed), so this works on bundled code too.
 */

import { skipComment, skipQuoted, skipToTopLevel } from './skip-code.js'

/** What {@link inferInjectedNames} found. */
export type InferredNames =
  | { ok: true; names: string[] }
  | {
      ok: false
      reason: 'not-destructured' | 'rest-element' | 'computed-key' | 'several-parameters' | 'unreadable'
    }

/**
 * Infers the injected names of a function from its parameter pattern.
 *
 * @example
 * inferInjectedNames(({ a, b: renamed, c = 1 }) => a) // { ok: true, names: ['a', 'b', 'c'] }
 */
export function inferInjectedNames(fn: (...args: never[]) => unknown): InferredNames {
  const source = Function.prototype.toString.call(fn)
  const scanner = new Scanner(source)
  const start = scanner.findParameterList()
  if (start === 'no-parameters') return { ok: true, names: [] }
  if (start === 'bare-identifier') return { ok: false, reason: 'not-destructured' }
  if (start === 'unreadable')
    return fn.length === 0 ? { ok: true, names: [] } : { ok: false, reason: 'unreadable' }
  return scanner.readParameters()
}

const IDENTIFIER_START = /[A-Za-z_$\u0080-\uffff]/
const IDENTIFIER_PART = /[\w$\u0080-\uffff]/

class Scanner {
  #pos = 0
  readonly source: string
  constructor(source: string) {
    this.source = source
  }

  /** Moves to just after the `(` that opens the parameter list, or reports why it cannot. */
  findParameterList(): 'found' | 'no-parameters' | 'bare-identifier' | 'unreadable' {
    const s = this.source
    if (s.includes('[native code]')) return 'unreadable'
    this.#skipTrivia()
    // `async x => …` or `x => …`: a single bare parameter, not a pattern.
    const arrowHead = /^(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/.exec(s.slice(this.#pos))
    if (arrowHead && arrowHead[1] !== 'async') return 'bare-identifier'
    while (this.#pos < s.length) {
      const ch = s[this.#pos] as string
      if (ch === '(') {
        this.#pos++
        this.#skipTrivia()
        if (s[this.#pos] === ')') return 'no-parameters'
        return 'found'
      }
      if (ch === '/' && (s[this.#pos + 1] === '/' || s[this.#pos + 1] === '*')) this.#skipTrivia()
      else if (ch === '"' || ch === "'" || ch === '`' || ch === '[') return 'unreadable'
      else this.#pos++
    }
    return 'unreadable'
  }

  /** Reads the parameter list whose `(` was just consumed. */
  readParameters(): InferredNames {
    const s = this.source
    this.#skipTrivia()
    if (s[this.#pos] !== '{') return { ok: false, reason: 'not-destructured' }
    this.#pos++
    const names: string[] = []
    for (;;) {
      this.#skipTrivia()
      const ch = s[this.#pos]
      if (ch === undefined) return { ok: false, reason: 'unreadable' }
      if (ch === '}') {
        this.#pos++
        break
      }
      if (ch === ',') {
        this.#pos++
        continue
      }
      if (s.startsWith('...', this.#pos)) return { ok: false, reason: 'rest-element' }
      if (ch === '[') return { ok: false, reason: 'computed-key' }
      const key = this.#readKey()
      if (key === undefined) return { ok: false, reason: 'unreadable' }
      names.push(key)
      // Skip `: target` and `= default` up to the next top-level `,` or the closing `}`.
      this.#skipUntilTopLevel(',}')
    }
    // After the pattern: an optional `= {}` default, then `)` — anything else is another parameter.
    this.#skipTrivia()
    if (s[this.#pos] === '=') {
      this.#pos++
      this.#skipUntilTopLevel(',)')
    }
    this.#skipTrivia()
    if (s[this.#pos] === ',') {
      this.#pos++
      this.#skipTrivia()
      if (s[this.#pos] !== ')') return { ok: false, reason: 'several-parameters' }
    }
    return { ok: true, names }
  }

  #readKey(): string | undefined {
    const s = this.source
    const ch = s[this.#pos] as string
    if (ch === '"' || ch === "'") {
      const end = skipQuoted(s, this.#pos)
      const literal = s.slice(this.#pos, end)
      this.#pos = end
      try {
        return ch === '"'
          ? (JSON.parse(literal) as string)
          : (JSON.parse(`"${literal.slice(1, -1).replace(/"/g, '\\"')}"`) as string)
      } catch {
        return undefined
      }
    }
    if (!IDENTIFIER_START.test(ch)) return undefined
    const begin = this.#pos
    while (this.#pos < s.length && IDENTIFIER_PART.test(s[this.#pos] as string)) this.#pos++
    return s.slice(begin, this.#pos)
  }

  /** Skips a `: target` or `= default` (literals, regexes and brackets whole) up to a top-level stop. */
  #skipUntilTopLevel(stops: string): void {
    this.#pos = skipToTopLevel(this.source, this.#pos, stops)
  }

  #skipTrivia(): void {
    const s = this.source
    for (;;) {
      while (this.#pos < s.length && /\s/.test(s[this.#pos] as string)) this.#pos++
      if (s.startsWith('//', this.#pos) || s.startsWith('/*', this.#pos))
        this.#pos = skipComment(s, this.#pos)
      else return
    }
  }
}
