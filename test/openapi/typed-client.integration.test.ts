/**
 * A typed client, as users build one: openapi-typescript generates types from the document a
 * running example serves at /openapi.json, a small openapi-fetch client written against them is
 * type-checked with tsc, and then run (as its own Node process) against that server.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defined } from '../support/defined.js'
import { AUTH_COMPLETE_CLIENT, HTTP_FEATURES_CLIENT } from './tools/clients.js'
import { type AnyApp, EXAMPLE_APPS } from './tools/example-apps.js'
import { ROOT, runProcess, runTool, type ToolRun } from './tools/run-tool.js'

const CLIENTS = { 'http-features': HTTP_FEATURES_CLIENT, 'auth-complete': AUTH_COMPLETE_CLIENT }
type Name = keyof typeof CLIENTS

describe('openapi-typescript types and an openapi-fetch client against the running examples', () => {
  const dir = mkdtempSync(join(tmpdir(), 'restmachine-typed-client-'))
  const servers = new Map<Name, RunningServer>()
  const generated = new Map<Name, ToolRun>()
  const outputs = new Map<Name, ToolRun>()
  let compiled: ToolRun

  beforeAll(async () => {
    // The client resolves openapi-fetch and @types/node as a project of its own would: from node_modules.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }))
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(CLIENT_TSCONFIG))
    for (const name of Object.keys(CLIENTS) as Name[]) {
      const app: AnyApp = await defined(
        EXAMPLE_APPS.find((e) => e.name === name),
        `the example ${name}`,
      ).load()
      const server = await serve(app, { port: 0, handleSignals: false })
      servers.set(name, server)
      const document = await (await fetch(`${server.url}/openapi.json`)).text()
      writeFileSync(join(dir, `${name}.json`), document)
      // A property with a `default` may be left out of a request: openapi-typescript must be told so.
      const args = [`${name}.json`, '-o', `${name}.ts`, '--default-non-nullable=false']
      generated.set(name, await runTool('openapi-typescript', args, { cwd: dir }))
      writeFileSync(join(dir, `client-${name}.ts`), CLIENTS[name])
    }
    compiled = await runTool('tsc', ['-p', 'tsconfig.json'], { cwd: dir, timeoutMs: 180_000 })
    if (compiled.code !== 0) return
    for (const [name, server] of servers) {
      outputs.set(name, await runNode(join(dir, 'out', `client-${name}.js`), server.url))
    }
  }, 600_000)

  afterAll(async () => {
    await Promise.all([...servers.values()].map((server) => server.close()))
    rmSync(dir, { recursive: true, force: true })
  })

  it('generates types from each served document', () => {
    for (const [name, run] of generated) expect(run.code, `${name}: ${run.stderr}`).toBe(0)
  })

  it('type-checks both clients, including that every misuse is a type error', () => {
    expect(compiled.stdout + compiled.stderr).toBe('')
    expect(compiled.code).toBe(0)
  })

  it('creates, reads, conditionally reads and conditionally replaces a document of http-features', () => {
    const seen = resultOf(outputs.get('http-features'))
    expect(seen).toEqual({
      created: [201, '4', 1, '/documents/4'],
      jsonOnly: [404, 'Not Found', 'Resource not found'],
      read: [200, 'Typed'],
      unchanged: 304,
      stale: [412, 'A precondition of the request failed'],
      replaced: [200, 'Replaced', 2],
      missing: [404, 'Resource not found'],
      problem: [404, 'application/problem+json', 'Resource not found'],
    })
  })

  it('logs in to auth-complete, then reads and deletes with the bearer token', () => {
    expect(resultOf(outputs.get('auth-complete'))).toEqual({
      wrong: 401,
      login: [200, 'bearer', true],
      profile: [200, 'bob@example.com', 'user'],
      anonymous: [401, 'Bearer', 'Unauthorized'],
      post: [200, '2'],
      absent: [404, 'Resource not found'],
      notMine: [403, 'Not authorized to modify this post'],
      mine: 204,
    })
  })
})

/** Strict, ESM, Node types: what a user's own client project would use. */
const CLIENT_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUnusedLocals: true,
    skipLibCheck: true,
    types: ['node'],
    outDir: 'out',
    rootDir: '.',
  },
  include: ['*.ts'],
}

// The compiled client, run by Node as a user's program would be, against the example's server.
function runNode(file: string, baseUrl: string): Promise<ToolRun> {
  return runProcess(process.execPath, [file], { env: { BASE_URL: baseUrl }, timeoutMs: 60_000 })
}

function resultOf(run: ToolRun | undefined): unknown {
  if (run === undefined) throw new Error('the client did not run (see the type-check result)')
  const line = run.stdout.trim().split('\n').at(-1) ?? ''
  try {
    return JSON.parse(line)
  } catch {
    throw new Error(`the client printed no result (exit ${run.code}):\n${run.stdout}\n${run.stderr}`)
  }
}
