import { type ChildProcess, spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name)
/** Generous: on a loaded two-core machine a cold Deno or workerd start can take many seconds. */
const STARTUP_MS = 90_000
/** No runtime process outlives a test file by more than this, even if `close()` is never reached. */
const LIFETIME_MS = 10 * 60_000

/** Every runtime process still running: killed if the test process exits without closing them. */
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

/** A server under test: its base URL and how to stop it. */
export interface RunningRuntime {
  name: string
  url: string
  close(): Promise<void>
  /** What a runtime process has printed so far (stdout and stderr). */
  output?: () => string
}

/**
 * A temporary folder for bundles, removed by `remove()`: in the system's temp folder, or with
 * `inRepository` in the git-ignored `tmp/` of this checkout, where bare imports left outside a
 * bundle still find `node_modules`.
 */
export async function bundleFolder(inRepository = false): Promise<{ path: string; remove(): Promise<void> }> {
  const parent = inRepository ? join(ROOT, 'tmp') : tmpdir()
  await mkdir(parent, { recursive: true })
  const path = await mkdtemp(join(parent, 'restmachine-runtimes-'))
  return { path, remove: () => rm(path, { recursive: true, force: true }) }
}

/**
 * Bundles an entry file the way a user deploys it: esbuild, ESM, `restmachine` resolved to this
 * checkout's sources. `platform: 'neutral'` keeps Node built-ins out: a Fetch-runtime bundle that
 * needed one would fail to build here. `external` names packages left for the runtime to load.
 */
export async function bundle(
  entry: string,
  outfile: string,
  platform: 'node' | 'neutral',
  external: string[] = [],
): Promise<string[]> {
  const result = await build({
    external,
    entryPoints: [join(ROOT, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform,
    target: 'es2022',
    mainFields: ['module', 'main'],
    alias: {
      restmachine: join(ROOT, 'src/index.ts'),
      'restmachine/node': join(ROOT, 'src/entries/node.ts'),
      'restmachine/fetch': join(ROOT, 'src/entries/fetch.ts'),
      'restmachine/auth': join(ROOT, 'src/entries/auth.ts'),
    },
    metafile: true,
    logLevel: 'silent',
  })
  return Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.filter((item) => item.external).map((item) => item.path),
  )
}

/**
 * Starts a runtime on a bundle with `PORT=0` and waits for the `listening on <url>` line the entry
 * prints, so the runtime itself picks a free port and there is no race for it.
 */
export function startProcess(name: string, command: string, args: string[]): Promise<RunningRuntime> {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: LIFETIME_MS,
    killSignal: 'SIGKILL',
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  let output = ''
  const close = () => stopChild(child)
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer)
      void close()
      reject(new Error(`${name} did not start: ${why}\n${output.slice(-2000)}`))
    }
    const timer = setTimeout(() => fail(`no "listening on" line in ${STARTUP_MS} ms`), STARTUP_MS)
    const collect = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match?.[1] !== undefined) {
        clearTimeout(timer)
        resolve({ name, url: match[1], close, output: () => output })
      }
    }
    child.stdout?.on('data', collect)
    child.stderr?.on('data', collect)
    child.once('error', (error) => fail(error.message))
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal})`))
  })
}

/** Runs a script to its end (at most `timeoutMs`), resolving with its exit code and output. */
export function runToEnd(
  command: string,
  args: string[],
  timeoutMs = 120_000,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    })
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('error', (error) => resolve({ code: null, output: `${output}${error.message}` }))
    child.once('close', (code) => resolve({ code, output }))
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}

/** The `bun` and `deno` binaries of their npm packages. */
export const BUN = bin('bun')
export const DENO = bin('deno')

/** Node: `node bundle.js` (the bundle of examples/http-features.ts, built for platform node). */
export const startNode = (file: string) => startProcess('node', process.execPath, [file])
/** Bun 1.4 from the `bun` npm package: `bun bundle.js` (Bun.serve). */
export const startBun = (file: string) => startProcess('bun', BUN, [file])
/** Deno 2.9 from the `deno` npm package, with network and environment permissions only. */
export const startDeno = (file: string) =>
  startProcess('deno', DENO, ['run', '--allow-net', '--allow-env', '--no-prompt', file])

/**
 * workerd through miniflare, as `wrangler dev` runs a module worker: requests pass miniflare's
 * entry worker, which plays the Cloudflare edge (it compresses answers, as the edge does). No
 * `nodejs_compat` flag: the worker must do with Web-standard APIs.
 */
export async function startWorkerd(file: string, name = 'workerd'): Promise<RunningRuntime> {
  let output = ''
  const collect = (chunk: Buffer) => {
    output += chunk.toString()
  }
  const miniflare = new Miniflare({
    modules: [{ type: 'ESModule', path: file }],
    modulesRoot: dirname(file),
    compatibilityDate: '2026-04-01',
    host: '127.0.0.1',
    port: 0,
    // Kept, like the other runtimes' output, instead of printed (a /boom case logs a stack).
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      stdout.on('data', collect)
      stderr.on('data', collect)
    },
  })
  const close = () => miniflare.dispose()
  let timer: NodeJS.Timeout | undefined
  try {
    const url = await Promise.race([
      miniflare.ready,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name} did not start in ${STARTUP_MS} ms`)), STARTUP_MS)
      }),
    ])
    return { name, url: url.href, close, output: () => output }
  } catch (error) {
    await close().catch(() => undefined)
    throw error
  } finally {
    clearTimeout(timer)
  }
}
