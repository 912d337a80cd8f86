import { skipOws } from './lexer.js'

/** An entity tag (RFC 9110 §8.8.3): the opaque string between the double quotes and a weakness flag. */
export interface EntityTag {
  /** Whether the tag carries the `W/` weakness indicator. */
  readonly weak: boolean
  /** The characters between the double quotes, without the quotes. */
  readonly opaque: string
}

/** Which comparison function of RFC 9110 §8.8.3.2 to apply. */
export type EntityTagComparison = 'strong' | 'weak'

/**
 * Parses one entity tag such as an ETag value (RFC 9110 §8.8.3), or returns `null` when it does not
 * follow the grammar; surrounding whitespace is allowed, and `W/` is case-sensitive.
 *
 * @example
 * parseEntityTag('W/"xyzzy"') // { weak: true, opaque: 'xyzzy' }
 * parseEntityTag('xyzzy') // null (unquoted)
 */
export function parseEntityTag(value: string): EntityTag | null {
  const start = skipOws(value, 0)
  const end = entityTagEnd(value, start)
  if (end === -1 || skipOws(value, end) !== value.length) return null
  return toEntityTag(value, start, end)
}

/**
 * Parses an If-Match or If-None-Match value (RFC 9110 §13.1.1, §13.1.2): `'*'`, or the listed entity
 * tags in order. Empty list members are ignored (RFC 9110 §5.6.1.2). A value that breaks the grammar
 * anywhere (an unquoted tag, `*` mixed with tags, a lowercase `w/`) is treated as a whole as a list
 * that matches nothing, `[]`, which fails closed: If-Match then fails (412) and If-None-Match then
 * passes, so a malformed precondition can never let a write through or produce a 304 by accident.
 *
 * @example
 * parseEntityTagList('"a", W/"b"') // [{ weak: false, opaque: 'a' }, { weak: true, opaque: 'b' }]
 * parseEntityTagList('*') // '*'
 */
export function parseEntityTagList(header: string): '*' | EntityTag[] {
  const s = header
  let i = skipOws(s, 0)
  if (s.charCodeAt(i) === 0x2a) return skipOws(s, i + 1) === s.length ? '*' : []
  const tags: EntityTag[] = []
  while (i < s.length) {
    if (s.charCodeAt(i) === 0x2c) {
      i = skipOws(s, i + 1) // empty member
      continue
    }
    const end = entityTagEnd(s, i)
    if (end === -1) return []
    tags.push(toEntityTag(s, i, end))
    i = skipOws(s, end)
    if (i < s.length && s.charCodeAt(i) !== 0x2c) return []
  }
  return tags
}

/**
 * Serialises an entity tag for an ETag field; throws a TypeError when the opaque string holds a
 * character outside `etagc` (RFC 9110 §8.8.3: no double quote, space or control character).
 *
 * @example
 * formatEntityTag({ weak: true, opaque: 'v2' }) // 'W/"v2"'
 */
export function formatEntityTag(tag: EntityTag): string {
  const { opaque } = tag
  for (let i = 0; i < opaque.length; i++) {
    if (!isEtagc(opaque.charCodeAt(i)))
      throw new TypeError(`Invalid character in entity tag: ${JSON.stringify(opaque)}`)
  }
  return (tag.weak ? 'W/"' : '"') + opaque + '"'
}

/**
 * Strong comparison (RFC 9110 §8.8.3.2): both tags are strong and their opaque strings are equal.
 *
 * @example
 * strongCompare({ weak: false, opaque: '1' }, { weak: true, opaque: '1' }) // false
 */
export function strongCompare(a: EntityTag, b: EntityTag): boolean {
  return !a.weak && !b.weak && a.opaque === b.opaque
}

/**
 * Weak comparison (RFC 9110 §8.8.3.2): the opaque strings are equal, whatever the weakness flags.
 *
 * @example
 * weakCompare({ weak: true, opaque: '1' }, { weak: false, opaque: '1' }) // true
 */
export function weakCompare(a: EntityTag, b: EntityTag): boolean {
  return a.opaque === b.opaque
}

/**
 * Whether a parsed If-Match / If-None-Match list matches the current entity tag, using strong
 * comparison for If-Match (RFC 9110 §13.1.1) and weak for If-None-Match (§13.1.2). The current tag may
 * be given as a field value (`'"v1"'`); a missing or unparseable one matches no listed tag. `'*'`
 * matches any current representation, which this function cannot see: it returns `true`, and the
 * caller must first check that the resource has a current representation.
 *
 * @example
 * matchesAny(parseEntityTagList('W/"1", "2"'), '"1"', 'weak') // true
 * matchesAny(parseEntityTagList('W/"1", "2"'), '"1"', 'strong') // false
 */
export function matchesAny(
  list: '*' | readonly EntityTag[],
  current: EntityTag | string | null | undefined,
  comparison: EntityTagComparison,
): boolean {
  if (list === '*') return true
  const tag = typeof current === 'string' ? parseEntityTag(current) : current
  if (tag == null) return false
  const compare = comparison === 'strong' ? strongCompare : weakCompare
  for (const candidate of list) if (compare(candidate, tag)) return true
  return false
}

/** Index just past the entity tag starting at `i`, or -1 when there is none. */
function entityTagEnd(s: string, i: number): number {
  // RFC 9110 §8.8.3: weak = %s"W/" (case-sensitive); opaque-tag = DQUOTE *etagc DQUOTE.
  if (s.charCodeAt(i) === 0x57 && s.charCodeAt(i + 1) === 0x2f) i += 2
  if (s.charCodeAt(i) !== 0x22) return -1
  for (let j = i + 1; j < s.length; j++) {
    const code = s.charCodeAt(j)
    if (code === 0x22) return j + 1
    if (!isEtagc(code)) return -1
  }
  return -1
}

function toEntityTag(s: string, start: number, end: number): EntityTag {
  const weak = s.charCodeAt(start) === 0x57
  return { weak, opaque: s.slice(weak ? start + 3 : start + 1, end - 1) }
}

/** RFC 9110 §8.8.3: etagc = %x21 / %x23-7E / obs-text. */
function isEtagc(code: number): boolean {
  return code === 0x21 || (code >= 0x23 && code <= 0x7e) || (code >= 0x80 && code <= 0xff)
}
