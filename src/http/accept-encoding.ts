import { tokenQuality } from './accept-charset.js'
import { parseWeightedList, pickBest } from './weighted-list.js'

// Below the smallest qvalue (0.001): an identity that is acceptable only by default loses to any
// coding the client listed with a positive weight, yet still beats "not acceptable".
const IMPLICIT_IDENTITY_Q = 0.0005

/**
 * Picks the content coding to apply from `available` (server preference order, such as
 * `['br', 'gzip']`) for an Accept-Encoding field (RFC 9110 §12.5.3). `identity` (no coding) is always
 * an implicit last offer unless listed: it is acceptable unless the field refuses it with
 * `identity;q=0`, or with `*;q=0` and no entry for identity, and it is preferred over a listed coding
 * only when the client gave identity a weight. A missing field means any coding, so the first offer
 * wins; an empty field, or one with no parseable member, means identity only. Returns `null` only when
 * even identity is refused (the caller answers 406 or sends identity anyway).
 *
 * @example
 * negotiateEncoding('gzip, deflate, br;q=0.9', ['br', 'gzip']) // 'gzip'
 * negotiateEncoding('', ['br', 'gzip']) // 'identity'
 */
export function negotiateEncoding(
  header: string | null | undefined,
  available: readonly string[],
): string | null {
  if (header == null) return available.length === 0 ? 'identity' : (available[0] as string)
  const entries = parseWeightedList(header)
  const quality = (offer: string): number => {
    const coding = offer.toLowerCase()
    if (coding !== 'identity') return tokenQuality(entries, coding, 0)
    // RFC 9110 §12.5.3: identity is acceptable by default unless explicitly refused.
    return tokenQuality(entries, coding, IMPLICIT_IDENTITY_Q)
  }
  const best = pickBest(available, quality)
  if (best !== null) return best
  return quality('identity') > 0 ? 'identity' : null
}
