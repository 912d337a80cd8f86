/**
 * Node's `rawHeaders` (`[name, value, name, value, …]`, as received) as `[name, value]` pairs.
 *
 * @example
 * rawHeaderPairs(['ETag', '"1"', 'Vary', 'Accept']) // [['ETag', '"1"'], ['Vary', 'Accept']]
 */
export function rawHeaderPairs(raw: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  let name: string | undefined
  for (const item of raw) {
    if (name === undefined) name = item
    else {
      pairs.push([name, item])
      name = undefined
    }
  }
  return pairs
}
