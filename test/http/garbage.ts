/**
 * Deterministic garbage for property-style tests: strings biased towards the characters header
 * parsers care about (separators, quotes, digits, wildcards) plus control and non-ASCII characters.
 */

import { defined } from '../support/defined.js'

const STRUCTURAL = ' \t,;=/"\\*-.q0123456789WbytesGMT:()<>@[]{}?%+_~!#$&\'|^`'
const EXTRA = ['\u0000', '\r', '\n', '\u007f', 'é', '\u00ff', '€', '😀', '\ud800', 'Ā']

/** A small seeded PRNG (mulberry32) so failures are reproducible. */
export function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `count` random strings up to `maxLength` characters, built from fragments and structural characters. */
export function garbageStrings(count: number, fragments: readonly string[] = [], seed = 42, maxLength = 40) {
  const random = prng(seed)
  const pick = <T>(list: readonly T[]): T =>
    defined(list[Math.floor(random() * list.length)], 'an item of a non-empty list')
  const out: string[] = ['', ' ', ',', ';', '"', '\\', '=', '*', '-', ',,,', '"unterminated', '\u0000']
  for (let n = 0; n < count; n++) {
    let s = ''
    const length = Math.floor(random() * maxLength)
    while (s.length < length) {
      const roll = random()
      if (roll < 0.3 && fragments.length > 0) s += pick(fragments)
      else if (roll < 0.9) s += STRUCTURAL[Math.floor(random() * STRUCTURAL.length)]
      else s += pick(EXTRA)
    }
    out.push(s)
  }
  return out
}

/** Calls `fn` on every input and fails with the offending input if any call throws. */
export function assertTotal(fn: (input: string) => unknown, inputs: readonly string[]): void {
  for (const input of inputs) {
    try {
      fn(input)
    } catch (error) {
      throw new Error(`threw on ${JSON.stringify(input)}: ${String(error)}`)
    }
  }
}

/** Fails unless `result` is `null` or one of `allowed`: negotiation may only ever pick an offer. */
export function assertOneOf(result: string | null, allowed: readonly string[]): void {
  if (result !== null && !allowed.includes(result))
    throw new Error(`unexpected result ${JSON.stringify(result)}`)
}
