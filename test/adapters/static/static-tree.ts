import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'

/** A served tree and, beside it, what must never be served. */
export interface StaticTree {
  /** The parent of both. */
  readonly base: string
  /** The directory served. */
  readonly root: string
  readonly css: string
  readonly text: string
  /** The secret beside the root (`public-secret/secret.txt`): a prefix check on strings would let it out. */
  readonly secret: string
  remove(): void
}

/**
 * Writes a small site to a temp directory: text, CSS with precompressed siblings, a hashed script, a
 * directory with an index, a dotfile, a stale sibling, and symbolic links in and out of the root.
 */
export function writeStaticTree(): StaticTree {
  const base = mkdtempSync(join(tmpdir(), 'restmachine-static-'))
  const root = join(base, 'public')
  mkdirSync(join(root, 'docs'), { recursive: true })
  mkdirSync(join(base, 'public-secret'))
  const secret = 'TOP SECRET: never served\n'
  writeFileSync(join(base, 'public-secret', 'secret.txt'), secret)
  writeFileSync(join(base, 'secret.txt'), secret)
  const text = 'abcdefghijklmnopqrstuvwxyz0123456789\n'
  writeFileSync(join(root, 'hello.txt'), text)
  const css = `body { color: #333; }\n${'.rule { margin: 0 auto; padding: 1em; }\n'.repeat(200)}`
  writeFileSync(join(root, 'site.css'), css)
  writeFileSync(join(root, 'site.css.br'), brotliCompressSync(css))
  writeFileSync(join(root, 'site.css.gz'), gzipSync(css))
  writeFileSync(join(root, 'app.3f9a1c2b.js'), 'console.log("hashed")\n')
  writeFileSync(join(root, 'index.html'), '<h1>home</h1>\n')
  writeFileSync(join(root, 'docs', 'index.html'), '<h1>docs</h1>\n')
  writeFileSync(join(root, '.env'), 'PASSWORD=hunter2\n')
  writeFileSync(join(root, 'old.txt'), 'new content\n')
  writeFileSync(join(root, 'old.txt.gz'), gzipSync('old content\n'))
  // The sibling is older than the file: it holds old content and must be ignored.
  utimesSync(join(root, 'old.txt.gz'), new Date(2020, 0, 1), new Date(2020, 0, 1))
  symlinkSync(join(base, 'secret.txt'), join(root, 'link-out.txt'))
  symlinkSync(join(base, 'public-secret'), join(root, 'dir-out'))
  symlinkSync(join(root, 'hello.txt'), join(root, 'link-in.txt'))
  return {
    base,
    root,
    css,
    text,
    secret,
    remove: () => rmSync(base, { recursive: true, force: true }),
  }
}
