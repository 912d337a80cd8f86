import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { command } from '../package/pack.js'
import { outputDifference } from './expected-output.js'
import { pageProject } from './page-project.js'
import { ROOT } from './pages.js'
import { plainEnvironment } from './run-blocks.js'

// docs/getting-started.md's final project, made as the page says: `npm init -y` and the `npm pkg set`
// commands of step 1 (offline), then the page's files. Installing from the registry is left out:
// the project lives under the repository's tmp/, so its imports find the repository's node_modules,
// and `restmachine` is src/ through a tsconfig that extends the page's own (TSX_TSCONFIG_PATH for tsx).
const PAGE = 'docs/getting-started.md'
const project = pageProject(readFileSync(join(ROOT, PAGE), 'utf8'))
const SECRET = 'a secret for the tutorial check, 32+ bytes'

describe("the getting-started tutorial's project", () => {
  let workdir: string
  let folder: string
  const env = () => ({ ...plainEnvironment(), TSX_TSCONFIG_PATH: join(folder, 'tsconfig.check.json') })

  beforeAll(async () => {
    mkdirSync(join(ROOT, 'tmp'), { recursive: true })
    workdir = mkdtempSync(join(ROOT, 'tmp', 'tutorial-'))
    folder = join(workdir, 'notes-api')
    mkdirSync(folder)
    for (const line of project.commands.filter((one) => /^npm (init|pkg)\b/.test(one))) {
      // The page's own words, run by a shell as a reader's terminal would.
      const result = await command('sh', ['-c', line], folder, 60_000)
      if (result.code !== 0) throw new Error(`${line} failed:\n${result.stderr}`)
    }
    for (const [path, text] of project.files) {
      if (path === 'package.json') continue // made by the commands; compared below
      mkdirSync(dirname(join(folder, path)), { recursive: true })
      writeFileSync(join(folder, path), text)
    }
    writeFileSync(
      join(folder, 'tsconfig.check.json'),
      JSON.stringify({
        extends: './tsconfig.json',
        compilerOptions: {
          paths: {
            restmachine: [join(ROOT, 'src/index.ts')],
            'restmachine/*': [join(ROOT, 'src/entries/*.ts')],
          },
        },
        // The declarations src/ brings for untyped modules (the published package ships them compiled).
        files: declarationsUnder(join(ROOT, 'src')),
      }),
    )
  }, 120_000)
  afterAll(() => {
    if (workdir !== undefined) rmSync(workdir, { recursive: true, force: true })
  })

  it('has the package.json the page shows, but for what `npm install` adds', () => {
    const made = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Record<string, unknown>
    const shown = JSON.parse(project.files.get('package.json') ?? '{}') as Record<string, unknown>
    const { dependencies, devDependencies, ...rest } = shown
    expect(made).toMatchObject(rest)
  })

  it("type-checks with the page's tsconfig.json", async () => {
    const result = await command(
      join(ROOT, 'node_modules', '.bin', 'tsc'),
      ['-p', 'tsconfig.check.json'],
      folder,
      180_000,
    )
    expect(result.stdout + (result.code === 0 ? '' : result.stderr)).toBe('')
  }, 200_000)

  it('passes its tests with `npm test`, printing what the page shows', async () => {
    const expected = project.outputs.get('npm test')
    if (expected === undefined) throw new Error(`${PAGE} shows no output of npm test`)
    const result = await runWithEnv('npm', ['test'], folder, env())
    expect(result.code, result.stderr).toBe(0)
    expect(outputDifference(expected.text, result.stdout), `${PAGE}:${expected.line}`).toBeUndefined()
  }, 120_000)

  it('serves with `npm start` on the port PORT names', async () => {
    const server = start('npm', ['start'])
    try {
      await expectAnswers(await firstUrl(server))
    } finally {
      // npm does not pass SIGTERM on to the server (hence the page's production command): the group.
      if (server.pid !== undefined) process.kill(-server.pid, 'SIGKILL')
    }
  }, 60_000)

  it("serves with the page's production command, and drains and exits 0 on SIGTERM", async () => {
    const line = project.commands.find((one) => /^(\w+=\S+ )*node /.test(one))
    if (line === undefined) throw new Error(`${PAGE} shows no production command`)
    const words = line.split(/\s+/)
    // Leading NAME=value words are the command's environment, as a shell reads them.
    const assignments = words.slice(
      0,
      words.findIndex((word) => !/^\w+=/.test(word)),
    )
    const [file = '', ...args] = words.slice(assignments.length)
    const server = start(file, args, Object.fromEntries(assignments.map((word) => word.split('=', 2))))
    try {
      const url = await firstUrl(server)
      expect(new URL(url).hostname).toBe('0.0.0.0')
      await expectAnswers(url)
      const exited = new Promise((done) => server.once('exit', done))
      server.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(await closedWithin(url, 5_000)).toBe(true)
    } finally {
      if (server.exitCode === null && server.pid !== undefined) process.kill(-server.pid, 'SIGKILL')
    }
  }, 60_000)

  /** Starts a command in the project, in a process group of its own, on a free port. */
  function start(file: string, args: string[], extra: Record<string, string> = {}): ChildProcess {
    return spawn(file, args, {
      cwd: folder,
      env: { ...env(), PORT: '0', JWT_SECRET_KEY: SECRET, ...extra },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  }
})

/** The deployed API answers a note, and 304 to a copy that is still good. */
async function expectAnswers(url: string): Promise<void> {
  const first = await fetch(new URL('/notes/1', url))
  expect([first.status, first.headers.get('etag')]).toEqual([200, '"1"'])
  await first.arrayBuffer()
  const again = await fetch(new URL('/notes/1', url), { headers: { 'if-none-match': '"1"' } })
  expect(again.status).toBe(304)
}

/** Whether connecting to `url` fails within `ms` milliseconds. */
async function closedWithin(url: string, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    const answered = await fetch(url, { headers: { connection: 'close' } }).then(
      async (response) => {
        await response.arrayBuffer()
        return true
      },
      () => false,
    )
    if (!answered) return true
    await new Promise((done) => setTimeout(done, 100))
  }
  return false
}

/** The `.d.ts` files under a folder. */
function declarationsUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
}

/** Runs a command with its own environment, resolving with its exit code and output. */
function runWithEnv(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('error', fail)
    child.once('close', (code) => done({ code, stdout, stderr }))
  })
}

/** The URL the server prints on its first line (`Notes API on http://…`). */
function firstUrl(server: ChildProcess): Promise<string> {
  return new Promise((done, fail) => {
    let printed = ''
    let errors = ''
    server.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    server.stdout?.on('data', (chunk: Buffer) => {
      printed += chunk.toString()
      const match = /Notes API on (http:\/\/\S+)/.exec(printed)
      if (match?.[1]) done(match[1])
    })
    server.once('exit', (code) => fail(new Error(`the server exited with ${code}:\n${printed}${errors}`)))
  })
}
