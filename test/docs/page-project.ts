import { FILE, fences, markersAbove } from './code-blocks.js'

/**
 * The project a page builds (docs/getting-started.md): its files — fenced blocks of any language
 * marked `<!-- file: path -->`, the last version of each — and the outputs it shows for commands
 * run in it, text blocks marked `<!-- output of: npm test -->`
 * (docs/decisions/0470-runnable-documentation-blocks.md).
 */
export interface PageProject {
  /** Each file's last version, by its path in the project. */
  readonly files: ReadonlyMap<string, string>
  /** Each command's output as the page shows it, with the line of its block. */
  readonly outputs: ReadonlyMap<string, { readonly line: number; readonly text: string }>
  /** The lines of the page's shell blocks (```` ```bash ````), comments removed, in page order. */
  readonly commands: readonly string[]
}

const OUTPUT_OF = /^<!--\s*output of:\s*(.+?)\s*-->$/

/** Reads the project `markdown` builds. */
export function pageProject(markdown: string): PageProject {
  const lines = markdown.split('\n')
  const files = new Map<string, string>()
  const outputs = new Map<string, { line: number; text: string }>()
  const commands: string[] = []
  for (const fence of fences(lines)) {
    const markers = markersAbove(lines, fence.index)
    const path = markers.map((marker) => FILE.exec(marker)?.[1]).find((found) => found !== undefined)
    if (path !== undefined) files.set(path, fence.body)
    const command = markers.map((marker) => OUTPUT_OF.exec(marker)?.[1]).find((found) => found !== undefined)
    if (command !== undefined) outputs.set(command, { line: fence.index + 1, text: fence.body })
    if (fence.language === 'bash') {
      commands.push(
        ...fence.body
          .split('\n')
          .map((line) => line.replace(/\s+#.*$/, '').trim())
          .filter((line) => line !== ''),
      )
    }
  }
  return { files, outputs, commands }
}
