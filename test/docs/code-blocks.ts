/**
 * The TypeScript code blocks of a Markdown page, with where they are and how they are to be checked
 * (docs/decisions/0370-documentation-code-blocks-type-checked.md).
 *
 * A block is a fenced block whose info string is `ts` or `typescript`; the fence may be indented (a
 * block inside a list item), and its indentation is removed from every line. The HTML comment on the
 * nearest non-blank line before the fence, if any, says how it is checked:
 * - `<!-- not checked: reason -->` — not type-checked; the reason is required;
 * - `<!-- continues the previous block -->` — compiled in one module with the page's previous block
 *   (and what that one continues), after it.
 * Without either, a block is compiled alone, as one ES module.
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
}

const OPENING = /^(\s*)```(?:ts|typescript)\s*$/
const ANY_FENCE = /^(\s*)```/
const NOT_CHECKED = /^<!--\s*not checked\s*(?::\s*(.*?))?\s*-->$/
const CONTINUES = /^<!--\s*continues the previous block\s*-->$/

/** The marker comment on the nearest non-blank line above `index`, or undefined. */
function markerAbove(lines: readonly string[], index: number): string | undefined {
  for (let at = index - 1; at >= 0; at--) {
    const text = (lines[at] ?? '').trim()
    if (text === '') continue
    return text.startsWith('<!--') ? text : undefined
  }
  return undefined
}

/** Every TypeScript block of `markdown`, in page order; other fenced blocks are skipped whole. */
export function codeBlocks(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split('\n')
  const blocks: CodeBlock[] = []
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
    if (OPENING.test(lines[index] ?? '')) {
      const marker = markerAbove(lines, index) ?? ''
      const optOut = NOT_CHECKED.exec(marker)
      blocks.push({
        file,
        line: index + 1,
        code: body.join('\n'),
        continues: CONTINUES.test(marker),
        ...(optOut ? { notChecked: optOut[1] ?? '' } : {}),
      })
    }
    index = end
  }
  return blocks
}
