import { describe, expect, it } from 'vitest'
import { codeBlocks } from './code-blocks.js'
import { pageBlocks, ROOT } from './pages.js'
import { runBlock, runnableModules } from './run-blocks.js'

// Every block marked <!-- runnable --> in README.md and docs/*.md, run in a Node process of its own
// against src/, its output compared with the page's (docs/decisions/0470-runnable-documentation-blocks.md).
const runnable = runnableModules(pageBlocks())

describe('the runnable blocks of README.md and docs/*.md', () => {
  it('are found', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(12)
  })

  describe.each(runnable.map((one) => [`${one.block.file}:${one.block.line}`, one] as const))(
    '%s',
    (_, one) => {
      it('prints what its page shows', { timeout: 60_000 }, async () => {
        expect(
          await runBlock(ROOT, one),
          'the rule: "Code blocks in the documentation" in ARCHITECTURE.md',
        ).toEqual([])
      })
    },
  )
})

describe('running a runnable block', () => {
  const page = (code: string[], output: string[]) =>
    runnableModules(
      codeBlocks(
        'docs/page.md',
        ['<!-- runnable -->', '```ts', ...code, '```', '```text', ...output, '```'].join('\n'),
      ),
    )[0]

  it('names the page line and shows a diff when the output differs', async () => {
    const broken = page(["console.log('one')", "console.log('two')"], ['one', 'three'])
    if (!broken) throw new Error('expected a runnable block')
    expect(await runBlock(ROOT, broken)).toEqual([
      ["docs/page.md:2: the output differs from the page's (line 6):", '  one', '+ two', '- three'].join(
        '\n',
      ),
    ])
  })

  it('fails a block that throws, with what it wrote to stderr', async () => {
    const throwing = page(["console.log('one')", "throw new Error('broken on purpose')"], ['one'])
    if (!throwing) throw new Error('expected a runnable block')
    const [failure, ...rest] = await runBlock(ROOT, throwing)
    expect(failure).toMatch(/^docs\/page\.md:2: exited with 1\n[\s\S]*Error: broken on purpose/)
    expect(rest).toEqual([])
  })

  it('fails a block that does not exit, such as a server it never closes', async () => {
    const hanging = page(["import { createServer } from 'node:http'", 'createServer().listen(0)'], [''])
    if (!hanging) throw new Error('expected a runnable block')
    expect(await runBlock(ROOT, hanging, 2_000)).toEqual(['docs/page.md:2: did not exit within 2 s\n'])
  })

  it('resolves restmachine to src/ and gives a serving block a free port in PORT', async () => {
    const serving = page(
      [
        "import { RestApplication } from 'restmachine'",
        "import { serve } from 'restmachine/node'",
        "const app = new RestApplication().get('/hello', () => ({ hello: 'world' }))",
        'const server = await serve(app, { port: Number(process.env.PORT ?? 8000) })',
        "const response = await fetch(new URL('/hello', server.url))",
        'console.log(server.port > 0 ? "a free port" : server.port, response.status, await response.text())',
        'console.log(server.url)',
        'await server.close()',
      ],
      ['a free port 200 {"hello":"world"}', 'http://…:…'],
    )
    if (!serving) throw new Error('expected a runnable block')
    expect(await runBlock(ROOT, serving)).toEqual([])
  })
})
