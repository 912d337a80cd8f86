import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { codeBlocks } from './code-blocks.js'
import { modulesOf, typeErrors } from './type-check-blocks.js'

const ROOT = join(import.meta.dirname, '..', '..')
const BLOCKS_FOLDER = join(import.meta.dirname, 'blocks')

/** README.md and every page directly in docs/ (decision records are prose, not checked). */
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
]

const blocks = PAGES.flatMap((page) => codeBlocks(page, readFileSync(join(ROOT, page), 'utf8')))

describe('the TypeScript blocks of README.md and docs/*.md', () => {
  it('are found', () => {
    expect(blocks.length).toBeGreaterThan(40)
  })

  it('opt out of the check only with a marker that says why', () => {
    const silent = blocks
      .filter((block) => block.notChecked === '')
      .map((block) => `${block.file}:${block.line}`)
    expect(silent, 'write <!-- not checked: the reason --> before these blocks').toEqual([])
  })

  it('continue only a block of the same page', () => {
    const orphans = blocks
      .filter((block, index) => block.continues && blocks[index - 1]?.file !== block.file)
      .map((block) => `${block.file}:${block.line}`)
    expect(orphans).toEqual([])
  })

  it('compile against the package with the repository compiler options', { timeout: 120_000 }, () => {
    const errors = typeErrors(ROOT, BLOCKS_FOLDER, modulesOf(blocks))
    expect(errors, 'the rule: "Code blocks in the documentation" in ARCHITECTURE.md (Tests)').toEqual([])
  })
})

describe('reading the code blocks of a page', () => {
  const page = [
    '# Title',
    '```ts',
    'const a = 1',
    '```',
    '```bash',
    'npm test',
    '```',
    '<!-- continues the previous block -->',
    '```typescript',
    'const b: number = a',
    '```',
    '- a list item:',
    '',
    '  <!-- not checked: a fragment of a call -->',
    '  ```ts',
    '  retry: 3,',
    '  ```',
    '<!-- not checked -->',
    '```ts',
    'x',
    '```',
  ].join('\n')
  const found = codeBlocks('docs/page.md', page)

  it('finds ts and typescript blocks with the line of their opening fence, and skips other languages', () => {
    expect(found.map((block) => [block.line, block.code])).toEqual([
      [2, 'const a = 1'],
      [9, 'const b: number = a'],
      [15, 'retry: 3,'],
      [19, 'x'],
    ])
  })

  it('reads the continue and opt-out markers, with the reason or an empty one', () => {
    expect(found.map((block) => [block.continues, block.notChecked])).toEqual([
      [false, undefined],
      [true, undefined],
      [false, 'a fragment of a call'],
      [false, ''],
    ])
  })

  it('names the page line of a type error, across continued blocks', () => {
    const [first, second] = found
    if (!first || !second) throw new Error('expected two blocks')
    const broken = { ...second, code: 'const b: string = a' }
    expect(typeErrors(ROOT, BLOCKS_FOLDER, modulesOf([first, broken]))).toEqual([
      "docs/page.md:10: TS2322 Type 'number' is not assignable to type 'string'.",
    ])
  })
})
