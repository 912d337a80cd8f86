import { parseWeightedList, pickBest, type WeightedValue } from './weighted-list.js'

/**
 * Picks the language tag to send from `available` (server preference order) for an Accept-Language
 * field (RFC 9110 §12.5.4), using basic filtering (RFC 4647 §3.3.1): a range matches a tag equal to
 * it or starting with it followed by `-` (`en` matches `en-US`, `en-US` does not match `en`), and `*`
 * matches every tag. Each offer gets the quality of its longest matching range (first listed on a
 * tie), q=0 excludes it, and quality ties go to the earlier offer. A missing, empty or entirely
 * unparseable field means any language, so the first offer wins. Returns `null` when nothing is
 * acceptable; RFC 9110 §12.5.4 lets the caller then send its default language rather than a 406.
 *
 * @example
 * negotiateLanguage('fr-CH, fr;q=0.9, en;q=0.8', ['en-US', 'fr']) // 'fr'
 */
export function negotiateLanguage(
  header: string | null | undefined,
  available: readonly string[],
): string | null {
  if (available.length === 0) return null
  if (header == null) return available[0] as string
  const ranges = parseWeightedList(header).filter(isLanguageRange)
  if (ranges.length === 0) return available[0] as string
  return pickBest(available, (offer) => languageQuality(ranges, offer))
}

/**
 * The quality the given language ranges assign to a language tag: that of the longest range that
 * matches it by basic filtering (RFC 4647 §3.3.1), or 0 when none does.
 *
 * @example
 * languageQuality([{ value: 'en', q: 0.5 }], 'en-GB') // 0.5
 */
export function languageQuality(ranges: readonly WeightedValue[], tag: string): number {
  const lower = tag.toLowerCase()
  let q = 0
  let longest = -1
  for (const { value: range, q: rangeQ } of ranges) {
    // RFC 4647 §3.3.1: "*" matches any tag but is less specific than any real prefix.
    const length = range === '*' ? 0 : range.length
    if (length <= longest) continue
    const matches =
      range === '*' ||
      (lower.startsWith(range) && (lower.length === range.length || lower.charCodeAt(range.length) === 0x2d))
    if (matches) {
      longest = length
      q = rangeQ
    }
  }
  return q
}

/** RFC 4647 §2.1: language-range = (1*8ALPHA *("-" 1*8alphanum)) / "*"; values arrive lower-cased. */
function isLanguageRange(member: WeightedValue): boolean {
  const range = member.value
  if (range === '*') return true
  let subtagLength = 0
  let first = true
  for (let i = 0; i < range.length; i++) {
    const code = range.charCodeAt(i)
    if (code === 0x2d) {
      if (subtagLength === 0) return false
      subtagLength = 0
      first = false
      continue
    }
    const alpha = code >= 0x61 && code <= 0x7a
    if (!alpha && (first || code < 0x30 || code > 0x39)) return false
    if (++subtagLength > 8) return false
  }
  return subtagLength > 0
}
