import { nextComma, skipOws, tokenEnd } from './lexer.js'
import { parseParameters } from './parameters.js'

/** One member of a weighted list such as Accept-Language: a lower-cased value and its quality. */
export interface WeightedValue {
  /** The member, lower-cased (`en-us`, `utf-8`, `gzip`, `*`). */
  readonly value: string
  /** Its quality, 0 to 1; 0 means "not acceptable" (RFC 9110 §12.4.2). */
  readonly q: number
}

/**
 * Parses a `qvalue` (RFC 9110 §12.4.2) into a number from 0 to 1, or `null` when it is not one.
 * Leniently, it also accepts a leading dot (`.5`), a bare trailing dot (`1.`) and more than three
 * decimals (ignored past the third), but never a value above 1, a sign, spaces or an exponent.
 *
 * @example
 * parseQValue('0.8') // 0.8
 * parseQValue('1.5') // null
 */
export function parseQValue(value: string): number | null {
  const length = value.length
  let i = 0
  let digits = 0
  let units = 0
  for (; i < length && isDigit(value.charCodeAt(i)); i++, digits++) {
    units = units * 10 + (value.charCodeAt(i) - 0x30)
    if (units > 1) return null
  }
  // Counting in thousandths keeps equal q-values equal however they are spelled (0.5 = 0.500).
  let thousandths = units * 1000
  if (i < length && value.charCodeAt(i) === 0x2e) {
    i++
    for (let scale = 100; i < length && isDigit(value.charCodeAt(i)); i++, digits++, scale /= 10) {
      if (scale >= 1) thousandths += (value.charCodeAt(i) - 0x30) * scale
    }
  }
  if (i !== length || digits === 0 || thousandths > 1000) return null
  return thousandths / 1000
}

/**
 * Parses a comma-separated list of `token [ weight ]` members (RFC 9110 §12.4.2), the shape of
 * Accept-Language, Accept-Charset and Accept-Encoding. It never throws: empty members are skipped
 * (RFC 9110 §5.6.1.2), and so are members that are not a single token or whose q is not a qvalue;
 * parameters other than q, and anything after q, are ignored.
 *
 * @example
 * parseWeightedList('en-US, fr;q=0.5') // [{ value: 'en-us', q: 1 }, { value: 'fr', q: 0.5 }]
 */
export function parseWeightedList(header: string): WeightedValue[] {
  const out: WeightedValue[] = []
  const s = header
  let i = 0
  while (i < s.length) {
    const start = skipOws(s, i)
    const end = tokenEnd(s, start)
    const after = skipOws(s, end)
    let q: number | null = null
    let resume = start
    if (end > start) {
      if (after === s.length || s.charCodeAt(after) === 0x2c) {
        q = 1
        resume = after
      } else if (s.charCodeAt(after) === 0x3b) {
        const params: Record<string, string> = Object.create(null)
        const stop = parseParameters(s, after, params, true)
        if (stop !== -1) {
          q = params.q === undefined ? 1 : parseQValue(params.q)
          resume = stop
        }
      }
    }
    if (q !== null) out.push({ value: s.slice(start, end).toLowerCase(), q })
    i = nextComma(s, resume) + 1
  }
  return out
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}

/**
 * The offer with the highest quality above 0, ties going to the earlier offer (server preference,
 * RFC 9110 §12.1), or `null` when every offer has quality 0.
 *
 * @example
 * pickBest(['a', 'b'], (offer) => (offer === 'b' ? 1 : 0.5)) // 'b'
 */
export function pickBest(available: readonly string[], quality: (offer: string) => number): string | null {
  let best: string | null = null
  let bestQ = 0
  for (const offer of available) {
    const q = quality(offer)
    if (q > bestQ) {
      best = offer
      bestQ = q
    }
  }
  return best
}
