/**
 * The TypeScript code blocks of a Markdown page, with where they are and how they are to be checked
 * (docs/decisions/0370-documentation-code-blocks-type-checked.md,
 * docs/decisions/0470-runnable-documentation-blocks.md).
 *
 * A block is a fenced block whose info string is `ts` or `typescript`; the fence may be indented (a
 * block inside a list item), and its indentation is removed from every line. The HTML comments on
 * the non-blank lines right before the fence, if any, say how it is checked (one marker a comment):
 * - `<!-- not checked: reason -->` — not type-checked; the reason is required;
 * - `<!-- continues the previous block -->` — compiled in one module with the page's previous block
 *   (and what that one continues), after it;
 * - `<!-- file: src/app.ts -->` — the block is that whole file of the page's project: the page's
 *   other file blocks import it by its relative path, and a later block of the same file replaces it;
 * - `<!-- runnable -->` — also run (with what it continues); what it prints must be the page's next
 *   fenced block, a ```` ```text ```` block.
 * Without any, a block is compiled alone, as one ES module.
 */
export interface CodeBlock {
  /** The page, relative to the repository root (`docs/auth.md`). */
  readonly file: string
  /** The 1-based line of the opening fence. */
  readonly line: number
  /** The block's text, without the fences and the fence's indentation. */
  readonly code: string
  /** Set when the block opts out: the reason its marker gives (empty when it gives none). */
  readonly notChecked?: string
  /** True when the block is compiled after the page's previous block, in the same module. */
  readonly continues: boolean
  /** Set when the block is a whole file of the page's project: its path there (`src/app.ts`). */
  readonly path?: string
  /** True when the block is run and its output compared. */
  readonly runnable: boolean
  /** For a runnable block: the page's next fenced block, when it is a `text` block. */
  readonly output?: ExpectedOutput
}

/** The output a runnable block is expected to print, as the page shows it. */
export interface ExpectedOutput {
  /** The 1-based line of the output block's opening fence. */
  readonly line: number
  /** Its text, without the fences. */
  readonly text: string
}

const OPENING = /^(\s*)```(?:ts|typescript)\s*$/
const ANY_FENCE = /^(\s*)```\s*([\w-]*)/
const NOT_CHECKED = /^<!--\s*not checked\s*(?::\s*(.*?))?\s*-->$/
const CONTINUES = /^<!--\s*continues the previous block\s*-->$/
const RUNNABLE = /^<!--\s*runnable\s*-->$/
export const FILE = /^<!--\s*file:\s*(\S+)\s*-->$/

/** The marker comments on the non-blank lines right above `index`, nearest last. */
export function markersAbove(lines: readonly string[], index: number): string[] {
  const markers: string[] = []
  for (let at = index - 1; at >= 0; at--) {
    const text = (lines[at] ?? '').trim()
    if (text === '') continue
    if (!text.startsWith('<!--')) break
    markers.unshift(text)
  }
  return markers
}

export interface Fence {
  readonly index: number
  readonly end: number
  readonly language: string
  readonly body: string
}

/** Every fenced block of the page, whatever its language. */
export function fences(lines: readonly string[]): Fence[] {
  const found: Fence[] = []
  for (let index = 0; index < lines.length; index++) {
    const fence = ANY_FENCE.exec(lines[index] ?? '')
    if (!fence) continue
    const indent = fence[1] ?? ''
    const body: string[] = []
    let end = index + 1
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end] ?? '')) {
      const text = lines[end] ?? ''
      body.push(text.startsWith(indent) ? text.slice(indent.length) : text.trimStart())
      end++
    }
    found.push({
      index,
      end,
      language: OPENING.test(lines[index] ?? '') ? 'ts' : (fence[2] ?? ''),
      body: body.join('\n'),
    })
    index = end
  }
  return found
}

/** Every TypeScript block of `markdown`, in page order; other fenced blocks are skipped whole. */
export function codeBlocks(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split('\n')
  const all = fences(lines)
  return all.flatMap((fence, position) => {
    if (fence.language !== 'ts') return []
    const markers = markersAbove(lines, fence.index)
    const optOut = markers.map((marker) => NOT_CHECKED.exec(marker)).find((match) => match !== null)
    const path = markers.map((marker) => FILE.exec(marker)?.[1]).find((found) => found !== undefined)
    const runnable = markers.some((marker) => RUNNABLE.test(marker))
    const next = all[position + 1]
    return [
      {
        file,
        line: fence.index + 1,
        code: fence.body,
        continues: markers.some((marker) => CONTINUES.test(marker)),
        runnable,
        ...(optOut ? { notChecked: optOut[1] ?? '' } : {}),
        ...(path === undefined ? {} : { path }),
        ...(runnable && next?.language === 'text'
          ? { output: { line: next.index + 1, text: next.body } }
          : {}),
      },
    ]
  })
}
