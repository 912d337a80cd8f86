/**
 * Compares what a runnable documentation block printed with the output its page shows
 * (docs/decisions/0470-runnable-documentation-blocks.md). The comparison is exact, line by line,
 * with one normalisation: `…` in an expected line stands for any text within that line — for the
 * few values that truly vary between runs (a port, a date, a random id). One trailing newline of
 * the actual output is ignored (the page's block cannot show it).
 */

const ELLIPSIS = '…'

/** Whether an actual line is what the expected line shows. */
export function lineMatches(expected: string, actual: string): boolean {
  if (!expected.includes(ELLIPSIS)) return expected === actual
  const pattern = expected
    .split(ELLIPSIS)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${pattern}$`, 's').test(actual)
}

/** The lines of a printed output, without the one trailing newline. */
function linesOf(output: string): string[] {
  return output.replace(/\n$/, '').split('\n')
}

/**
 * A line diff of the expected output against the actual one (`  ` same, `- ` only expected, `+ `
 * only printed), or undefined when they match.
 */
export function outputDifference(expected: string, actual: string): string | undefined {
  const want = linesOf(expected)
  const got = linesOf(actual)
  // Longest common subsequence over matching lines, then walked into a diff: outputs are short.
  const common: number[][] = Array.from({ length: want.length + 1 }, () =>
    new Array<number>(got.length + 1).fill(0),
  )
  const at = (i: number, j: number) => common[i]?.[j] ?? 0
  for (let i = want.length - 1; i >= 0; i--) {
    for (let j = got.length - 1; j >= 0; j--) {
      const row = common[i]
      if (row)
        row[j] = lineMatches(want[i] ?? '', got[j] ?? '')
          ? at(i + 1, j + 1) + 1
          : Math.max(at(i + 1, j), at(i, j + 1))
    }
  }
  if (at(0, 0) === want.length && want.length === got.length) return undefined
  const diff: string[] = []
  let i = 0
  let j = 0
  while (i < want.length || j < got.length) {
    if (i < want.length && j < got.length && lineMatches(want[i] ?? '', got[j] ?? '')) {
      diff.push(`  ${got[j]}`)
      i++
      j++
    } else if (j < got.length && (i === want.length || at(i, j + 1) >= at(i + 1, j))) {
      diff.push(`+ ${got[j]}`)
      j++
    } else {
      diff.push(`- ${want[i]}`)
      i++
    }
  }
  return diff.join('\n')
}
