import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import type { CodeBlock } from './code-blocks.js'
import { outputDifference } from './expected-output.js'
import { type BlockModule, companionFiles, modulesOf, virtualModule } from './type-check-blocks.js'

const run = promisify(execFile)

/**
 * The test process's environment without what would change a child's output: colours
 * (`FORCE_COLOR`, `NO_COLOR` — Node warns on stderr when both are set) and `NODE_OPTIONS`.
 */
export function plainEnvironment(): NodeJS.ProcessEnv {
  const { FORCE_COLOR, NO_COLOR, NODE_OPTIONS, ...rest } = process.env
  return rest
}

/** A runnable block and the module it runs: the blocks it continues, then itself. */
export interface RunnableModule {
  readonly block: CodeBlock
  readonly module: BlockModule
}

/** Every runnable block of `blocks`, with the module that runs it. */
export function runnableModules(blocks: readonly CodeBlock[]): RunnableModule[] {
  return modulesOf(blocks).flatMap((module) =>
    module.blocks.flatMap((block, index) =>
      block.runnable ? [{ block, module: { ...module, blocks: module.blocks.slice(0, index + 1) } }] : [],
    ),
  )
}

/**
 * Writes the module as files under `folder` (with "your app", test/docs/blocks/app.ts, and a file
 * block's companions) and bundles it for Node: `restmachine` resolves to src/ through tsconfig.json's
 * paths, other packages stay imports of the repository's node_modules. Answers the bundle's path.
 */
async function bundle(root: string, folder: string, module: BlockModule): Promise<string> {
  copyFileSync(join(root, 'test', 'docs', 'blocks', 'app.ts'), join(folder, 'app.ts'))
  const entry = virtualModule(folder, module)
  for (const [path, text] of [...companionFiles(folder, module), [entry.path, entry.text] as const]) {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, text)
  }
  const outfile = `${entry.path}.mjs`
  await build({
    entryPoints: [entry.path],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'silent',
  })
  return outfile
}

/**
 * Runs one runnable block in a Node process of its own, as a reader runs it (`npx tsx block.ts`),
 * with `PORT=0` in its environment so a block that serves listens on a free port, and compares
 * what it printed with the page's output block. Answers each failure, naming the page and line.
 */
export async function runBlock(
  root: string,
  runnable: RunnableModule,
  timeoutMs = 30_000,
): Promise<string[]> {
  const { block, module } = runnable
  const where = `${block.file}:${block.line}`
  if (block.output === undefined)
    return [`${where}: a runnable block is followed by its output, a \`\`\`text block`]
  // Inside the repository (its /tmp/ is ignored by git), so that the bundle's imports find node_modules.
  const base = join(root, 'tmp')
  mkdirSync(base, { recursive: true })
  const folder = mkdtempSync(join(base, 'docs-run-'))
  try {
    const file = await bundle(root, folder, module)
    const result = await run(process.execPath, [file], {
      cwd: dirname(file),
      timeout: timeoutMs,
      env: { ...plainEnvironment(), PORT: '0' },
    }).catch((error: { code?: unknown; killed?: boolean; stdout?: string; stderr?: string }) => ({
      failed: error.killed
        ? `did not exit within ${timeoutMs / 1000} s`
        : `exited with ${String(error.code)}`,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? String(error),
    }))
    const failures: string[] = []
    if ('failed' in result || result.stderr !== '') {
      failures.push(`${where}: ${'failed' in result ? result.failed : 'wrote to stderr'}\n${result.stderr}`)
    }
    const difference = outputDifference(block.output.text, result.stdout)
    if (difference !== undefined) {
      failures.push(
        `${where}: the output differs from the page's (line ${block.output.line}):\n${difference}`,
      )
    }
    return failures
  } catch (error) {
    return [`${where}: ${error instanceof Error ? error.message : String(error)}`]
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
