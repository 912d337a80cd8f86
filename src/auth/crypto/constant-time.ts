import { sha256 } from './random-token.js'

/**
 * Compares two secrets in constant time with Web Crypto only. Both are hashed with SHA-256 first,
 * so the comparison always runs over 32 bytes — neither the content nor the length of the expected
 * secret leaks through timing — and the digests are compared with an XOR accumulator that never
 * returns early. (Node's `timingSafeEqual` would need `node:crypto`; this runs on any runtime.)
 *
 * @example
 * if (!(await constantTimeEqual(presentedKey, expectedKey))) throw new Unauthorized('Invalid API key')
 */
export async function constantTimeEqual(a: string | Uint8Array, b: string | Uint8Array): Promise<boolean> {
  const [left, right] = await Promise.all([sha256(a), sha256(b)])
  return digestsEqual(left, right)
}

/**
 * Compares two equal-length byte arrays without an early exit; different lengths are unequal
 * (lengths of digests are public).
 *
 * @example
 * digestsEqual(await sha256('a'), await sha256('a')) // true
 */
export function digestsEqual(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false
  let difference = 0
  // Same length: every index of one is an index of the other, so `?? 0` is never taken.
  for (const [i, byte] of left.entries()) difference |= byte ^ (right[i] ?? 0)
  return difference === 0
}
