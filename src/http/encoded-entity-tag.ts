import {
  type EntityTag,
  type EntityTagComparison,
  parseEntityTag,
  strongCompare,
  weakCompare,
} from './entity-tag.js'

/**
 * The entity tag of a representation encoded with a content coding, from the tag of its identity
 * form. RFC 9110 §8.8.3: a strong tag identifies one representation's bytes, and the gzip form of a
 * representation is another representation, so its strong tag must differ; the coding's name is
 * appended inside the quotes (`"v1"` → `"v1-gzip"`). A weak tag already says "semantically
 * equivalent", which the encoded form is, and stays as it is.
 *
 * @example
 * encodedEntityTag('"v1"', 'br') // '"v1-br"'
 * encodedEntityTag('W/"v1"', 'br') // 'W/"v1"'
 */
export function encodedEntityTag(etag: string, coding: string): string {
  const tag = parseEntityTag(etag)
  if (tag === null || tag.weak) return etag
  return `"${tag.opaque}-${coding}"`
}

/**
 * Which form of the current representation a parsed If-Match / If-None-Match list names: `'identity'`
 * when a listed tag matches the current tag itself (or the list is `*`), a coding when it matches the
 * tag {@link encodedEntityTag} gives that coding's form, `null` when none matches. A client that
 * received the gzip form holds `"v1-gzip"`; the state it names is still current, so a conditional
 * request with it must be evaluated as matching (RFC 9110 §13.1.1, §13.1.2, with the comparison
 * those sections require: strong for If-Match, weak for If-None-Match). `*` matches any current
 * representation, which this function cannot see: the caller checks first that one exists.
 *
 * @example
 * matchedForm(parseEntityTagList('"v1-gzip"'), '"v1"', 'strong', ['br', 'gzip']) // 'gzip'
 * matchedForm(parseEntityTagList('"v2"'), '"v1"', 'weak', ['gzip']) // null
 */
export function matchedForm(
  list: '*' | readonly EntityTag[],
  current: string | undefined,
  comparison: EntityTagComparison,
  codings: readonly string[],
): string | null {
  if (list === '*') return 'identity'
  const tag = current === undefined ? null : parseEntityTag(current)
  if (tag === null) return null
  const compare = comparison === 'strong' ? strongCompare : weakCompare
  for (const candidate of list) if (compare(candidate, tag)) return 'identity'
  // Only a strong current tag has distinct encoded forms (a weak one is shared by them).
  if (tag.weak) return null
  for (const candidate of list) {
    for (const coding of codings) {
      if (compare(candidate, { weak: false, opaque: `${tag.opaque}-${coding}` })) return coding
    }
  }
  return null
}
