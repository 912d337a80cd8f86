/**
 * How a server process is launched. By default the harness compiles `bench/servers/<name>.ts`
 * with esbuild (our TypeScript — the server file, the fixtures and, for restmachine, `src/`
 * through the tsconfig `paths` — bundled into one ESM file; every npm package stays an external
 * import, loaded from node_modules exactly as installed) and runs it with plain `node`. Running
 * through tsx's loader instead costs ~40 MB of RSS (a loader thread plus esbuild) in every server,
 * which would blur the memory column; it remains the fallback (BENCH_LOADER=tsx, or when esbuild
 * cannot be imported) and is how one starts a server by hand.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { BENCH_DIR, serverFile } from './servers.js'

export const BUILD_DIR = path.join(BENCH_DIR, 'results', 'build')

export interface Launch {
  mode: 'esbuild' | 'tsx'
  /** node arguments that load the server (after any flags) */
  args: string[]
  /** the generated file and its source map (esbuild mode) */
  file?: string
  sourceMap?: string
}

/** Prepares `bench/servers/<name>.ts`, or any other `entry` file (bench:scale's route-set servers). */
export async function prepareServer(
  name: string,
  loader = process.env.BENCH_LOADER,
  entry = serverFile(name),
): Promise<Launch> {
  const tsx: Launch = { mode: 'tsx', args: ['--import', 'tsx', entry] }
  if (loader === 'tsx') return tsx
  let esbuild: typeof import('esbuild')
  try {
    esbuild = await import('esbuild')
  } catch {
    return tsx
  }
  mkdirSync(BUILD_DIR, { recursive: true })
  const outfile = path.join(BUILD_DIR, `${path.basename(name)}.mjs`)
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    tsconfig: path.resolve(BENCH_DIR, '..', 'tsconfig.json'),
    logLevel: 'silent',
  })
  return { mode: 'esbuild', args: [outfile], file: outfile, sourceMap: `${outfile}.map` }
}

/** Resolves a source-map `sources` entry (relative to the map) to a file path. */
export function resolveSource(mapFile: string, source: string): string {
  if (source.startsWith('file://')) return fileURLToPath(source)
  return fileURLToPath(new URL(source, pathToFileURL(mapFile)))
}
