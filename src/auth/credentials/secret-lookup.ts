import { digestsEqual } from '../crypto/constant-time.js'
import { sha256 } from '../crypto/random-token.js'

/**
 * Finds the value whose secret matches a presented one; see {@link secretLookup}.
 *
 * @example
 * const find: SecretLookup<string> = secretLookup({ key_12345: 'alice' })
 */
export type SecretLookup<V> = (presented: string) => Promise<V | undefined>

/**
 * Builds a constant-time lookup over a fixed table of secrets (API keys, static tokens). The table
 * keeps only SHA-256 digests; each lookup hashes the presented secret and compares it with every
 * entry without stopping at a match, so the time taken says nothing about which key (or how much of
 * one) matched. A plain `table[presented]` leaks through hash-table timing and keeps raw keys around.
 *
 * @example
 * const findUser = secretLookup({ key_12345: { user_id: '1', name: 'Alice' } })
 * await findUser('key_12345') // { user_id: '1', name: 'Alice' }
 * await findUser('nope') // undefined
 */
export function secretLookup<V>(
  table: Readonly<Record<string, V>> | ReadonlyMap<string, V>,
): SecretLookup<V> {
  const entries = table instanceof Map ? [...table] : Object.entries(table as Record<string, V>)
  for (const [secret] of entries) {
    if (secret.length === 0) throw new TypeError('secretLookup: an empty secret would match nothing safely')
  }
  const digests = Promise.all(
    entries.map(async ([secret, value]) => ({ digest: await sha256(secret), value })),
  )
  return async (presented) => {
    const [candidate, known] = await Promise.all([sha256(presented), digests])
    let found: V | undefined
    for (const entry of known) {
      // No early exit: every entry is compared whatever matched before it.
      if (digestsEqual(candidate, entry.digest)) found = entry.value
    }
    return found
  }
}
