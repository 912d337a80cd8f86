import { describe, expect, it } from 'vitest'
import { codeBlocks } from './code-blocks.js'
import { lineMatches, outputDifference } from './expected-output.js'
import { BLOCKS_FOLDER, pageBlocks, ROOT } from './pages.js'
import { modulesOf, typeErrors } from './type-check-blocks.js'

const blocks = pageBlocks()

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

  it("show what a runnable block prints in the page's next fenced block, a text block", () => {
    const silent = blocks
      .filter((block) => block.runnable && block.output === undefined)
      .map((block) => `${block.file}:${block.line}`)
    expect(silent, 'write the expected output in a ```text block after these blocks').toEqual([])
  })

  it("name a file of their page's project only as a block that stands alone", () => {
    const mixed = blocks
      .filter((block) => block.path !== undefined && block.continues)
      .map((block) => `${block.file}:${block.line}`)
    expect(mixed).toEqual([])
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

describe('reading the runnable and file blocks of a page', () => {
  const page = [
    '<!-- file: src/app.ts -->',
    '```ts',
    'export const greeting: string = "hello"',
    '```',
    '<!-- file: src/print.ts -->',
    '<!-- runnable -->',
    '```ts',
    "import { greeting } from './app.js'",
    'console.log(greeting)',
    '```',
    'It prints:',
    '```text',
    'hello',
    '```',
    '<!-- runnable -->',
    '```ts',
    'console.log(1)',
    '```',
    '```bash',
    'npm test',
    '```',
  ].join('\n')
  const found = codeBlocks('docs/page.md', page)

  it('reads every marker above a fence, the file a block is, and the output block that follows a runnable one', () => {
    expect(found.map((block) => [block.line, block.path, block.runnable, block.output])).toEqual([
      [2, 'src/app.ts', false, undefined],
      [7, 'src/print.ts', true, { line: 12, text: 'hello' }],
      // The next fenced block is not a text block: no output, and the page fails its check.
      [16, undefined, true, undefined],
    ])
  })

  it('compiles a file block with the page files before it, naming the page line of an error', () => {
    const [app, print] = found
    if (!app || !print) throw new Error('expected two blocks')
    expect(typeErrors(ROOT, BLOCKS_FOLDER, modulesOf([app, print]))).toEqual([])
    const broken = { ...print, code: "import { greeting } from './app.js'\nconst n: number = greeting" }
    expect(typeErrors(ROOT, BLOCKS_FOLDER, modulesOf([app, broken]))).toEqual([
      "docs/page.md:9: TS2322 Type 'string' is not assignable to type 'number'.",
    ])
  })
})

describe('comparing a runnable block output with its page', () => {
  it('is exact, but for … in an expected line, which stands for any text within that line', () => {
    expect(lineMatches('200 OK', '200 OK')).toBe(true)
    expect(lineMatches('200 OK', '200 OK ')).toBe(false)
    expect(lineMatches('listening on http://127.0.0.1:…', 'listening on http://127.0.0.1:40123')).toBe(true)
    expect(lineMatches('listening on http://127.0.0.1:…', 'listening on http://[::1]:40123')).toBe(false)
    expect(lineMatches('a (b) …', 'a (b) [c]')).toBe(true)
  })

  it('ignores the trailing newline a printed output ends with', () => {
    expect(outputDifference('one\ntwo', 'one\ntwo\n')).toBeUndefined()
    expect(outputDifference('one\ntwo', 'one\ntwo\n\n')).toBeDefined()
  })

  it('answers a line diff: the expected lines missing and the printed lines not expected', () => {
    expect(outputDifference('200\n{"a":1}\n304', '200\n{"a":2}\n304\n')).toBe(
      ['  200', '+ {"a":2}', '- {"a":1}', '  304'].join('\n'),
    )
    expect(outputDifference('one', '')).toBe(['+ ', '- one'].join('\n'))
  })
})
