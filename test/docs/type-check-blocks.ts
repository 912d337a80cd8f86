import { join } from 'node:path'
import ts from 'typescript'
import type { CodeBlock } from './code-blocks.js'

/**
 * One module to compile: the blocks of a page that form it (a block and the ones that continue it),
 * in order.
 */
export type BlockModule = readonly CodeBlock[]

/** The checked blocks of a page grouped into modules: a continuing block joins the module before it. */
export function modulesOf(blocks: readonly CodeBlock[]): BlockModule[] {
  const modules: CodeBlock[][] = []
  for (const block of blocks) {
    if (block.notChecked !== undefined) continue
    const last = modules.at(-1)
    if (block.continues && last?.[0]?.file === block.file) last.push(block)
    else modules.push([block])
  }
  return modules
}

/**
 * The repository's compiler options (tsconfig.json: strict, noUncheckedIndexedAccess, the `restmachine`
 * paths to src/), except the unused-name checks: a snippet may show a value the reader uses later.
 */
function compilerOptions(root: string): ts.CompilerOptions {
  const configFile = join(root, 'tsconfig.json')
  const read = ts.readConfigFile(configFile, ts.sys.readFile)
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configFile)
  return { ...parsed.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false }
}

interface VirtualModule {
  readonly path: string
  readonly text: string
  /** For each line of `text`, the page and line it comes from. */
  readonly origin: readonly string[]
}

/** A module's text (an ES module even without imports) and the page line of each of its lines. */
function virtualModule(directory: string, blocks: BlockModule): VirtualModule {
  const first = blocks[0]
  if (!first) throw new Error('a module has at least one block')
  const lines: string[] = []
  const origin: string[] = []
  for (const block of blocks) {
    block.code.split('\n').forEach((text, offset) => {
      lines.push(text)
      origin.push(`${block.file}:${block.line + 1 + offset}`)
    })
  }
  lines.push('export {}')
  origin.push(`${first.file}:${first.line}`)
  const name = `${first.file.replace(/[/.]/g, '-')}-L${first.line}.ts`
  return { path: join(directory, name), text: lines.join('\n'), origin }
}

/**
 * Type-checks every module in one in-memory program, as files of `directory` (so a block's
 * `./app.js` is that directory's app.ts), and answers each error as `page:line: message`.
 */
export function typeErrors(root: string, directory: string, modules: readonly BlockModule[]): string[] {
  const options = compilerOptions(root)
  const virtual = new Map(modules.map((blocks) => virtualModule(directory, blocks)).map((m) => [m.path, m]))
  const host = ts.createCompilerHost(options)
  const { fileExists, readFile, getSourceFile } = host
  host.fileExists = (path) => virtual.has(path) || fileExists.call(host, path)
  host.readFile = (path) => virtual.get(path)?.text ?? readFile.call(host, path)
  host.getSourceFile = (path, language, ...rest) => {
    const module = virtual.get(path)
    if (module) return ts.createSourceFile(path, module.text, language)
    return getSourceFile.call(host, path, language, ...rest)
  }
  const program = ts.createProgram([...virtual.keys()], options, host)
  const errors: string[] = []
  for (const module of virtual.values()) {
    const source = program.getSourceFile(module.path)
    const diagnostics = source
      ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
      : []
    for (const diagnostic of diagnostics) {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ')
      const line =
        diagnostic.start === undefined
          ? 0
          : (source?.getLineAndCharacterOfPosition(diagnostic.start).line ?? 0)
      errors.push(`${module.origin[line] ?? module.path}: TS${diagnostic.code} ${message}`)
    }
  }
  return errors
}
