import { dirname, join } from 'node:path'
import ts from 'typescript'
import type { CodeBlock } from './code-blocks.js'

/**
 * One module to compile: the blocks of a page that form it (a block and the ones that continue it),
 * in order; for a file block, the page's other files as they stand at that point, which it may import.
 */
export interface BlockModule {
  readonly blocks: readonly CodeBlock[]
  readonly companions: readonly CodeBlock[]
}

/** The latest block of each file of `block`'s page before it, but its own file. */
function filesBefore(blocks: readonly CodeBlock[], block: CodeBlock): CodeBlock[] {
  const latest = new Map<string, CodeBlock>()
  for (const other of blocks) {
    if (other === block) break
    if (other.file === block.file && other.path !== undefined && other.path !== block.path)
      latest.set(other.path, other)
  }
  return [...latest.values()]
}

/**
 * The checked blocks of a page grouped into modules: a continuing block joins the module before it,
 * a file block stands alone, with the page's files before it.
 */
export function modulesOf(blocks: readonly CodeBlock[]): BlockModule[] {
  const modules: { blocks: CodeBlock[]; companions: CodeBlock[] }[] = []
  for (const block of blocks) {
    if (block.notChecked !== undefined) continue
    const last = modules.at(-1)
    if (block.continues && block.path === undefined && last?.blocks[0]?.file === block.file)
      last.blocks.push(block)
    else
      modules.push({
        blocks: [block],
        companions: block.path === undefined ? [] : filesBefore(blocks, block),
      })
  }
  return modules
}

/** A module's name: its page and the line of its first block (`docs-auth-md-L74`). */
function moduleName(module: BlockModule): string {
  const first = module.blocks[0]
  if (!first) throw new Error('a module has at least one block')
  return `${first.file.replace(/[/.]/g, '-')}-L${first.line}`
}

/**
 * Where a module is compiled (and run): a block of its own in `directory`, a file block in a folder
 * of its own, as the page's project, with the page's other files (its companions) beside it.
 */
export function modulePath(directory: string, module: BlockModule): string {
  const path = module.blocks[0]?.path
  return path === undefined
    ? join(directory, `${moduleName(module)}.ts`)
    : join(directory, moduleName(module), path)
}

/** The page's other files a file block's module sees, by where they are, each an ES module. */
export function companionFiles(directory: string, module: BlockModule): Map<string, string> {
  const project = join(directory, moduleName(module))
  return new Map(
    module.companions.map((block) => [join(project, block.path ?? ''), `${block.code}\nexport {}`]),
  )
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

export interface VirtualModule {
  readonly path: string
  readonly text: string
  /** For each line of `text`, the page and line it comes from. */
  readonly origin: readonly string[]
}

/** A module's text (an ES module even without imports) and the page line of each of its lines. */
export function virtualModule(directory: string, module: BlockModule): VirtualModule {
  const first = module.blocks[0]
  if (!first) throw new Error('a module has at least one block')
  const lines: string[] = []
  const origin: string[] = []
  for (const block of module.blocks) {
    block.code.split('\n').forEach((text, offset) => {
      lines.push(text)
      origin.push(`${block.file}:${block.line + 1 + offset}`)
    })
  }
  lines.push('export {}')
  origin.push(`${first.file}:${first.line}`)
  return { path: modulePath(directory, module), text: lines.join('\n'), origin }
}

/** The folders a path is in, nearest first. */
function ancestors(path: string): string[] {
  const found: string[] = []
  for (let folder = dirname(path); folder !== dirname(folder); folder = dirname(folder)) found.push(folder)
  return found
}

/**
 * Type-checks every module in one in-memory program, as files of `directory` (so a block's
 * `./app.js` is that directory's app.ts), and answers each error as `page:line: message`.
 */
export function typeErrors(root: string, directory: string, modules: readonly BlockModule[]): string[] {
  const options = compilerOptions(root)
  const virtual = new Map(modules.map((blocks) => virtualModule(directory, blocks)).map((m) => [m.path, m]))
  const texts = new Map(modules.flatMap((module) => [...companionFiles(directory, module)]))
  for (const module of virtual.values()) texts.set(module.path, module.text)
  const host = ts.createCompilerHost(options)
  const { fileExists, readFile, getSourceFile } = host
  host.fileExists = (path) => texts.has(path) || fileExists.call(host, path)
  host.readFile = (path) => texts.get(path) ?? readFile.call(host, path)
  // A file block's project folder exists only in memory.
  const folders = new Set([...texts.keys()].flatMap((path) => ancestors(path)))
  const { directoryExists } = host
  host.directoryExists = (path) => folders.has(path) || (directoryExists?.call(host, path) ?? true)
  host.getSourceFile = (path, language, ...rest) => {
    const text = texts.get(path)
    if (text !== undefined) return ts.createSourceFile(path, text, language)
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
