/**
 * Preloaded (`--import`) into a server while it is CPU-profiled:
 * - turns SIGTERM/SIGINT into a normal `process.exit`, so that `--cpu-prof` writes its file;
 * - on exit, when BENCH_SOURCEMAPS_FILE is set (and node runs with --enable-source-maps), dumps
 *   the source maps of the project's TypeScript files that were loaded: tsx emits them with all
 *   code on one line, and the profile summary maps frames back to TypeScript lines with them.
 */
import { readdirSync, writeFileSync } from 'node:fs'
import { findSourceMap } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

function tsFiles(dir: string, out: string[]): string[] {
  let entries: import('node:fs').Dirent[]
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return out
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name === 'results' || e.name.startsWith('.')) continue
    const full = path.join(dir, e.name)
    if (e.isDirectory()) tsFiles(full, out)
    else if (/\.[cm]?tsx?$/.test(e.name)) out.push(full)
  }
  return out
}

process.once('exit', () => {
  const target = process.env.BENCH_SOURCEMAPS_FILE
  if (!target) return
  const maps: Record<string, unknown> = {}
  for (const file of [...tsFiles(path.join(ROOT, 'src'), []), ...tsFiles(path.join(ROOT, 'bench'), [])]) {
    const url = pathToFileURL(file).href
    const map = findSourceMap(url)
    if (map) maps[url] = map.payload
  }
  writeFileSync(target, JSON.stringify(maps))
})

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => process.exit(0))
}
