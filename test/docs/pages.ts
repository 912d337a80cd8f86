import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type CodeBlock, codeBlocks } from './code-blocks.js'

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..', '..')

/** Where the blocks are compiled: `./app.js` in a block is this folder's app.ts. */
export const BLOCKS_FOLDER = join(import.meta.dirname, 'blocks')

/** README.md and every page directly in docs/ (decision records are prose, not checked). */
export const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
]

/** Every TypeScript block of the pages, in page order. */
export function pageBlocks(): CodeBlock[] {
  return PAGES.flatMap((page) => codeBlocks(page, readFileSync(join(ROOT, page), 'utf8')))
}
