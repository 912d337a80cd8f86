import { equalsLowerAscii, skipOws, tokenEnd } from './lexer.js'

/** An inclusive byte range of a representation: `{ start: 0, end: 499 }` is its first 500 bytes. */
export interface ByteRange {
  readonly start: number
  readonly end: number
}

/**
 * The outcome of reading a Range field against a representation of known length (RFC 9110 §14.2):
 * - `ignored`: no field, or a range unit other than `bytes`, which a server must ignore; send 200.
 * - `invalid`: a `bytes` field that breaks the grammar, or holds more ranges than allowed; RFC 9110
 *   §14.2 lets a server ignore it (send 200), which is what callers should usually do.
 * - `unsatisfiable`: well-formed, but no range overlaps the representation; send 416.
 * - `satisfiable`: the ranges to send, in request order, ends clamped to the last byte; send 206.
 */
export type RangeResult =
  | { readonly kind: 'ignored' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'unsatisfiable' }
  | { readonly kind: 'satisfiable'; readonly ranges: readonly ByteRange[] }

/** Options of {@link parseRange}. */
export interface ParseRangeOptions {
  /** Above this many range-specs the field is `invalid` (RFC 9110 §14.2 abuse guard); default 100. */
  readonly maxRanges?: number
}

const IGNORED: RangeResult = Object.freeze({ kind: 'ignored' })
const INVALID: RangeResult = Object.freeze({ kind: 'invalid' })
const UNSATISFIABLE: RangeResult = Object.freeze({ kind: 'unsatisfiable' })

/**
 * Reads a Range field (RFC 9110 §14.1.2, §14.2) for a representation of `length` bytes. Never throws.
 * Satisfiable ranges are resolved: an open end or an end past the last byte becomes `length - 1`, and
 * a suffix range (`-500`) selects the last 500 bytes, or everything when the representation is
 * shorter. Unsatisfiable members of a set with a satisfiable one are dropped. Overlapping ranges are
 * kept as sent; pass the result through {@link coalesceRanges} to merge them.
 *
 * @example
 * parseRange('bytes=0-499, -500', 10_000)
 * // { kind: 'satisfiable', ranges: [{ start: 0, end: 499 }, { start: 9500, end: 9999 }] }
 */
// biome-ignore lint/complexity/noExcessiveCognitiveComplexity: the RFC 9110 §14.1.1 ranges-specifier grammar in one pass (47); to be split into spec parsing and satisfiability
export function parseRange(
  header: string | null | undefined,
  length: number,
  options?: ParseRangeOptions,
): RangeResult {
  if (header == null) return IGNORED
  const s = header
  const unitStart = skipOws(s, 0)
  const unitEnd = tokenEnd(s, unitStart)
  if (unitEnd === unitStart || s.charCodeAt(unitEnd) !== 0x3d) return INVALID
  // RFC 9110 §14.1: range units are case-insensitive; §14.2: ignore a unit you do not understand.
  if (!equalsLowerAscii(s, unitStart, unitEnd, 'bytes')) return IGNORED
  const maxRanges = options?.maxRanges ?? 100
  const ranges: ByteRange[] = []
  let count = 0
  let i = unitEnd + 1
  while (i <= s.length) {
    i = skipOws(s, i)
    if (i === s.length || s.charCodeAt(i) === 0x2c) {
      i++ // RFC 9110 §5.6.1.2: empty list members are ignored
      continue
    }
    if (++count > maxRanges) return INVALID
    let first = -1
    if (s.charCodeAt(i) !== 0x2d) {
      const firstEnd = digitsEnd(s, i)
      if (firstEnd === i) return INVALID
      first = toNumber(s, i, firstEnd)
      i = firstEnd
    }
    if (s.charCodeAt(i) !== 0x2d) return INVALID
    const lastStart = i + 1
    i = digitsEnd(s, lastStart)
    const last = i === lastStart ? -1 : toNumber(s, lastStart, i)
    if (first === -1 && last === -1) return INVALID // a bare "-"
    const after = skipOws(s, i)
    if (after !== s.length && s.charCodeAt(after) !== 0x2c) return INVALID
    i = after + 1
    if (first === -1) {
      // RFC 9110 §14.1.3: suffix-range; "-0" and any suffix of an empty representation select nothing.
      if (last > 0 && length > 0) ranges.push({ start: Math.max(0, length - last), end: length - 1 })
    } else {
      // RFC 9110 §14.1.1: an int-range whose last-pos is less than its first-pos is invalid.
      if (last !== -1 && last < first) return INVALID
      // RFC 9110 §14.1.2: satisfiable when first-pos is less than the length; clamp last-pos to it.
      if (first < length)
        ranges.push({ start: first, end: last === -1 || last >= length ? length - 1 : last })
    }
  }
  if (count === 0) return INVALID // RFC 9110 §14.1.1: range-set = 1#range-spec
  return ranges.length === 0 ? UNSATISFIABLE : { kind: 'satisfiable', ranges }
}

/**
 * Sorts ranges and merges those that overlap or are at most `maxGap` bytes apart, as RFC 9110 §14.2
 * allows, so that a request for many overlapping or tiny ranges cannot multiply the response size.
 *
 * @example
 * coalesceRanges([{ start: 50, end: 99 }, { start: 0, end: 60 }]) // [{ start: 0, end: 99 }]
 */
export function coalesceRanges(ranges: readonly ByteRange[], maxGap = 0): ByteRange[] {
  if (ranges.length < 2) return ranges.slice()
  const sorted = ranges.slice().sort((a, b) => a.start - b.start)
  const out: ByteRange[] = []
  let current = sorted[0] as ByteRange
  for (let n = 1; n < sorted.length; n++) {
    const next = sorted[n] as ByteRange
    if (next.start <= current.end + 1 + maxGap) {
      if (next.end > current.end) current = { start: current.start, end: next.end }
    } else {
      out.push(current)
      current = next
    }
  }
  out.push(current)
  return out
}

/**
 * The Content-Range value of a 206 part (RFC 9110 §14.4); `length` is the complete length, or `'*'`
 * when unknown. Throws a RangeError when the range is not within the representation.
 *
 * @example
 * formatContentRange(0, 499, 1234) // 'bytes 0-499/1234'
 */
export function formatContentRange(start: number, end: number, length: number | '*'): string {
  const inside = length === '*' || (isLength(length) && end < length)
  if (!isLength(start) || !isLength(end) || end < start || !inside) {
    throw new RangeError(`Invalid byte range ${start}-${end}/${length}`)
  }
  return 'bytes ' + start + '-' + end + '/' + length
}

/**
 * The Content-Range value of a 416 response (RFC 9110 §14.4: unsatisfied-range = "*" "/" complete-length).
 *
 * @example
 * formatUnsatisfiedContentRange(1000) // 'bytes *\/1000'
 */
export function formatUnsatisfiedContentRange(length: number): string {
  if (!isLength(length)) throw new RangeError(`Invalid complete length ${length}`)
  return 'bytes */' + length
}

function digitsEnd(s: string, i: number): number {
  while (i < s.length) {
    const code = s.charCodeAt(i)
    if (code < 0x30 || code > 0x39) break
    i++
  }
  return i
}

/** Digits to a number; beyond 2^53 precision fades, but such positions exceed any real length anyway. */
function toNumber(s: string, start: number, end: number): number {
  let n = 0
  for (let i = start; i < end; i++) n = n * 10 + (s.charCodeAt(i) - 0x30)
  return n
}

function isLength(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0
}
