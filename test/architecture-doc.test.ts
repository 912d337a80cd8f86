import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..')
const DOC = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8')

// Folders a path in running text may start with; a mention like `test/machine` or src/app/ is a path.
const TOP_FOLDERS = ['src', 'test', 'docs', 'examples', 'scripts', 'bench', '.ci']
const FILE_ENDING = /\.(?:ts|mts|mjs|js|json|md|yaml|yml)$/
const PATH_LIKE = /^[\w.@*-]+(?:\/[\w.@*-]+)*\/?$/

/** Every repository path ARCHITECTURE.md names: in running text, in code spans and in links. */
function pathsNamedIn(markdown: string): string[] {
  const found = new Set<string>()
  const folderNames = TOP_FOLDERS.map((folder) => folder.replace('.', '\\.')).join('|')
  const inText = new RegExp(`(?<![\\w/.-])(?:${folderNames})/[\\w.@*/-]*`, 'g')
  for (const [match] of markdown.matchAll(inText)) found.add(match.replace(/[.,;:]+$/, ''))
  for (const [, span] of markdown.matchAll(/`([^`\n]+)`/g)) {
    const text = span as string
    if (!PATH_LIKE.test(text) || text.startsWith('./') || text.startsWith('../')) continue
    const inFolder = TOP_FOLDERS.some((folder) => text.startsWith(`${folder}/`))
    // A bare pattern or ending (`*.test-d.ts`, `.ts`) names files everywhere, not a path.
    if (inFolder || (FILE_ENDING.test(text) && /^[\w@-]/.test(text))) found.add(text)
  }
  for (const [, target] of markdown.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
    if (!/^[a-z]+:/.test(target as string)) found.add(target as string)
  }
  return [...found].sort()
}

/** Whether a repository path exists; a `*` in its last segment must match at least one entry. */
function exists(path: string): boolean {
  const trimmed = path.replace(/\/$/, '')
  if (!trimmed.includes('*')) return existsSync(join(ROOT, trimmed))
  const folder = join(ROOT, dirname(trimmed))
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return false
  const last = trimmed.slice(trimmed.lastIndexOf('/') + 1)
  const pattern = new RegExp(`^${last.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`)
  return readdirSync(folder).some((name) => pattern.test(name))
}

function folders(path: string): string[] {
  return readdirSync(join(ROOT, path)).filter((name) => statSync(join(ROOT, path, name)).isDirectory())
}

describe('ARCHITECTURE.md', () => {
  const named = pathsNamedIn(DOC)

  it('names only paths that exist in the repository', () => {
    expect(named.filter((path) => !exists(path))).toEqual([])
  })

  it('names the files it maps (the checks above would pass vacuously on a page without paths)', () => {
    expect(named.filter((path) => path.startsWith('src/') && path.endsWith('.ts')).length).toBeGreaterThan(40)
  })

  it('names every room under src/ and every adapter', () => {
    const rooms = [
      ...folders('src').map((room) => `src/${room}/`),
      ...folders('src/adapters').map((adapter) => `src/adapters/${adapter}/`),
    ]
    expect(rooms.filter((room) => !DOC.includes(room))).toEqual([])
  })

  it('catches a path that does not exist, in code spans, running text and links alike', () => {
    const sample = [
      'See `src/app/no-such-file.ts` and src/machine/gone.ts, run `npx vitest run test/nowhere`,',
      'read [the page](docs/missing.md) and `README.md`; `restmachine/node` and `x.context` are not paths,',
      'nor are `*.test-d.ts` and `.ts`, while `src/stores/redis/redis-*.ts` is a pattern that must match.',
    ].join('\n')
    const paths = pathsNamedIn(sample)
    expect(paths).toEqual([
      'README.md',
      'docs/missing.md',
      'src/app/no-such-file.ts',
      'src/machine/gone.ts',
      'src/stores/redis/redis-*.ts',
      'test/nowhere',
    ])
    expect(paths.filter((path) => !exists(path))).toEqual([
      'docs/missing.md',
      'src/app/no-such-file.ts',
      'src/machine/gone.ts',
      'test/nowhere',
    ])
  })
})
