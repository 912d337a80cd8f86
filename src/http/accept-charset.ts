import { parseWeightedList, pickBest, type WeightedValue } from './weighted-list.js'

/**
 * Picks the charset to send from `available` (server preference order) for an Accept-Charset field
 * (RFC 9110 §12.5.2): names compare case-insensitively, an exact entry outranks `*`, a charset not
 * listed is unacceptable unless `*` is present, q=0 excludes, and ties go to the earlier offer. A
 * missing, empty or entirely unparseable field means any charset, so the first offer wins. Returns
 * `null` when nothing is acceptable.
 *
 * @example
 * negotiateCharset('iso-8859-5, utf-8;q=0.8', ['utf-8', 'iso-8859-5']) // 'iso-8859-5'
 */
export function negotiateCharset(
  header: string | null | undefined,
  available: readonly string[],
): string | null {
  if (available.length === 0) return null
  if (header == null) return available[0] as string
  const entries = parseWeightedList(header)
  if (entries.length === 0) return available[0] as string
  return pickBest(available, (offer) => tokenQuality(entries, offer.toLowerCase(), 0))
}

/**
 * The quality of a lower-cased token in a weighted list: its own first entry, else the first `*`
 * entry, else `fallback` (RFC 9110 §12.5.2, §12.5.3: a specific entry outranks the wildcard).
 *
 * @example
 * tokenQuality(parseWeightedList('*;q=0.1, utf-8'), 'utf-8', 0) // 1
 */
export function tokenQuality(entries: readonly WeightedValue[], token: string, fallback: number): number {
  let wildcard = -1
  for (const entry of entries) {
    if (entry.value === token) return entry.q
    if (wildcard === -1 && entry.value === '*') wildcard = entry.q
  }
  return wildcard === -1 ? fallback : wildcard
}
