import { type EntityTag, parseEntityTag, strongCompare } from './entity-tag.js'
import { parseHttpDate, toWholeSeconds } from './http-date.js'

/** The validators of the selected representation, as far as the resource knows them. */
export interface CurrentValidators {
  /** The current entity tag, parsed or as an ETag field value. */
  readonly etag?: EntityTag | string | null
  /** The current modification time. */
  readonly lastModified?: Date | number | null
}

/**
 * Evaluates an If-Range value (RFC 9110 §13.1.5): an entity tag must match the current one by strong
 * comparison (so a weak tag never matches), and an HTTP-date must equal the Last-Modified time to the
 * second. It returns `false` for anything else, including an unparseable value or a missing validator;
 * `false` means "ignore the Range field and send the whole representation".
 *
 * @example
 * ifRangeMatches('"v2"', { etag: '"v2"' }) // true
 * ifRangeMatches('Sun, 06 Nov 1994 08:49:37 GMT', { lastModified: 784111777000 }) // true
 */
export function ifRangeMatches(value: string, current: CurrentValidators): boolean {
  const tag = parseEntityTag(value)
  if (tag !== null) {
    const etag = typeof current.etag === 'string' ? parseEntityTag(current.etag) : current.etag
    return etag != null && strongCompare(tag, etag)
  }
  const date = parseHttpDate(value)
  if (date === null || current.lastModified == null) return false
  // RFC 9110 §13.1.5: the date must exactly match Last-Modified, which only has whole seconds.
  return toWholeSeconds(current.lastModified) === date
}
