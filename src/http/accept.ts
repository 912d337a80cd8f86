import { nextComma, skipOws, tokenEnd } from './lexer.js'
import { type MediaType, paramsSubsetOf, parseMediaType } from './media-type.js'
import { parseParameters } from './parameters.js'
import { parseQValue, pickBest } from './weighted-list.js'

/** One member of an Accept field (RFC 9110 §12.5.1): a media range and its quality. */
export interface MediaRange {
  /** Lower-cased top-level type, or `*`. */
  readonly type: string
  /** Lower-cased subtype, or `*`. */
  readonly subtype: string
  /** Media-type parameters (those before q), lower-cased names, null prototype; accept-ext is dropped. */
  readonly params: Readonly<Record<string, string>>
  /** Quality from 0 to 1; 0 means "not acceptable". */
  readonly q: number
}

const NO_PARAMS: Record<string, string> = Object.freeze(Object.create(null))

/**
 * Parses an Accept field value into its media ranges, in field order (RFC 9110 §12.5.1). It never
 * throws: members that are not a media range (`text`, a wildcard type with a concrete subtype) or
 * whose q is not a qvalue (`q=2`, `q=abc`) are dropped, and so are empty members; a lone `*`, sent
 * by some old clients, is read as the all-types range.
 *
 * @example
 * parseAccept('text/html, application/*;q=0.5')
 * // [{ type: 'text', subtype: 'html', params: {}, q: 1 },
 * //  { type: 'application', subtype: '*', params: {}, q: 0.5 }]
 */
export function parseAccept(header: string): MediaRange[] {
  const out: MediaRange[] = []
  const s = header
  let i = 0
  while (i < s.length) {
    const start = skipOws(s, i)
    const stop = parseMember(s, start, out)
    i = nextComma(s, stop === -1 ? start : stop) + 1
  }
  return out
}

/** Parses one member at `start` into `out`; returns where it stopped, or -1 when it is invalid. */
function parseMember(s: string, start: number, out: MediaRange[]): number {
  const typeEnd = tokenEnd(s, start)
  if (typeEnd === start) return -1
  let subtypeEnd = typeEnd
  let subtypeStart = typeEnd
  if (s.charCodeAt(typeEnd) === 0x2f) {
    subtypeStart = typeEnd + 1
    subtypeEnd = tokenEnd(s, subtypeStart)
    if (subtypeEnd === subtypeStart) return -1
  } else if (typeEnd - start !== 1 || s.charCodeAt(start) !== 0x2a) return -1
  const type = s.slice(start, typeEnd).toLowerCase()
  const subtype = subtypeEnd === typeEnd ? '*' : s.slice(subtypeStart, subtypeEnd).toLowerCase()
  if (type === '*' && subtype !== '*') return -1 // RFC 9110 §12.5.1: "*/subtype" is not a media range
  const after = skipOws(s, subtypeEnd)
  if (after === s.length || s.charCodeAt(after) === 0x2c) {
    out.push({ type, subtype, params: NO_PARAMS, q: 1 })
    return after
  }
  if (s.charCodeAt(after) !== 0x3b) return -1
  const params: Record<string, string> = Object.create(null)
  const stop = parseParameters(s, after, params, true)
  if (stop === -1) return -1
  let q: number | null = 1
  if (params.q !== undefined) {
    q = parseQValue(params.q)
    delete params.q // RFC 9110 §12.5.1: "q" separates media-type parameters from accept-ext
  }
  if (q === null) return -1
  out.push({ type, subtype, params, q })
  return stop
}

/**
 * The quality the given ranges assign to a concrete media type: that of the most specific matching
 * range (`type/subtype;params` over `type/subtype` over `type/*` over all types, more parameters
 * being more specific, RFC 9110 §12.5.1), the first listed on a tie, or 0 when none matches.
 *
 * @example
 * mediaTypeQuality(parseAccept('text/*;q=0.3, text/plain;q=0.7'), parseMediaType('text/plain')!) // 0.7
 */
export function mediaTypeQuality(ranges: readonly MediaRange[], mediaType: MediaType): number {
  let q = 0
  let specificity = -1
  for (const range of ranges) {
    let rank: number
    if (range.type === '*') rank = 0
    else if (range.type !== mediaType.type) continue
    else if (range.subtype === '*') rank = 1
    else if (range.subtype !== mediaType.subtype) continue
    else rank = 2 + countParams(range.params)
    if (rank > specificity && paramsSubsetOf(range.params, mediaType.params)) {
      specificity = rank
      q = range.q
    }
  }
  return q
}

/**
 * Picks the media type to send from `available` (server preference order) for an Accept field, per
 * RFC 9110 §12.5.1: each offer gets the quality of its most specific matching range, q=0 excludes it,
 * and ties go to the earlier offer. A missing Accept means any type, so the first offer wins; an empty
 * or entirely unparseable Accept is treated the same way (RFC 9110 §12.5.1 lets a server disregard
 * the field). Returns `null` when nothing is acceptable (the caller answers 406 or disregards Accept).
 * Offers are expected to be concrete media types; unparseable or wildcard offers are never chosen.
 *
 * @example
 * negotiateMediaType('text/html;q=0.9, application/json', ['text/html', 'application/json'])
 * // 'application/json'
 */
export function negotiateMediaType(
  acceptHeader: string | null | undefined,
  available: readonly string[],
): string | null {
  if (available.length === 0) return null
  if (acceptHeader == null) return available[0] as string
  const ranges = parseAccept(acceptHeader)
  if (ranges.length === 0) return available[0] as string
  return pickBest(available, (offer) => {
    const mediaType = parseMediaType(offer)
    if (mediaType === null || mediaType.type === '*' || mediaType.subtype === '*') return 0
    return mediaTypeQuality(ranges, mediaType)
  })
}

function countParams(params: Readonly<Record<string, string>>): number {
  let count = 0
  for (const _ in params) count++
  return count
}
