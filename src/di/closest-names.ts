/**
 * The registered names most similar to a misspelt one, best first (edit distance, at most 3).
 *
 * @example
 * closestNames('curentUser', ['currentUser', 'database']) // ['currentUser']
 */
export function closestNames(wanted: string, known: Iterable<string>, limit = 3): string[] {
  const lowerWanted = wanted.toLowerCase()
  const budget = Math.max(2, Math.floor(wanted.length / 3))
  const scored: { name: string; distance: number }[] = []
  for (const name of known) {
    const distance = editDistance(lowerWanted, name.toLowerCase())
    if (distance <= budget) scored.push({ name, distance })
  }
  scored.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
  return scored.slice(0, limit).map((entry) => entry.name)
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      )
    }
    previous = current
  }
  return previous[b.length] as number
}
