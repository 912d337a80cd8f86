import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defined } from '../support/defined.js'
import { bin, command, installInFreshProject, packPackage, ROOT, temporaryFolder } from './pack.js'

interface AttwResolution {
  resolution?: { fileName: string }
  implementationResolution?: { fileName: string }
}
interface AttwAnalysis {
  problems: { kind: string; entrypoint?: string; resolutionKind?: string }[]
  entrypoints: Record<string, { resolutions: Record<string, AttwResolution | undefined> }>
}
const ESM_RESOLUTIONS = ['node16-esm', 'bundler']

// The package as a user gets it: built and packed like `npm publish`, installed from the tarball
// into a fresh project by npm itself (so optional peers stay out), then imported by plain Node.
describe('the published package', () => {
  let workdir: string
  let tarball: string
  let project: string

  beforeAll(async () => {
    workdir = temporaryFolder()
    tarball = await packPackage(workdir)
    project = await installInFreshProject(workdir, tarball)
  }, 480_000)
  afterAll(() => {
    if (workdir !== undefined) rmSync(workdir, { recursive: true, force: true })
  })

  it('installs with @standard-schema/spec as its only dependency', () => {
    const installed = readdirSync(join(project, 'node_modules'))
      .filter((name) => !name.startsWith('.'))
      .flatMap((name) =>
        name.startsWith('@')
          ? readdirSync(join(project, 'node_modules', name)).map((n) => `${name}/${n}`)
          : [name],
      )
      .sort()
    expect(installed).toEqual(['@standard-schema/spec', 'restmachine'])
  })

  it('passes publint with warnings counted as errors', async () => {
    const result = await command(bin('publint'), ['run', tarball, '--strict'], workdir, 60_000)
    expect(result.stdout + result.stderr).toContain('All good!')
    expect(result.code).toBe(0)
  }, 90_000)

  it('has types that resolve for every entry under node16 (ESM) and bundler (attw)', async () => {
    const result = await command(
      bin('attw'),
      [tarball, '--profile', 'esm-only', '--format', 'json', '--no-color'],
      workdir,
      120_000,
    )
    const report = JSON.parse(result.stdout) as { analysis: AttwAnalysis }
    // The package is ESM-only: node10 and require() from CommonJS are out of scope (profile esm-only).
    const relevant = report.analysis.problems.filter(
      (problem) => problem.resolutionKind === undefined || ESM_RESOLUTIONS.includes(problem.resolutionKind),
    )
    expect(relevant).toEqual([])
    for (const [name, entrypoint] of Object.entries(report.analysis.entrypoints)) {
      for (const kind of ESM_RESOLUTIONS) {
        const resolved = entrypoint.resolutions[kind]
        expect(resolved?.resolution?.fileName, `${name} under ${kind}`).toMatch(/\.(d\.ts|json)$/)
        expect(resolved?.implementationResolution?.fileName ?? resolved?.resolution?.fileName).toBeDefined()
      }
    }
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual([
      '.',
      './auth',
      './client',
      './fetch',
      './lambda',
      './node',
      './package.json',
      './redis',
      './testing',
    ])
    expect(result.code).toBe(0)
  }, 150_000)

  it('ships every file its modules, declarations and source maps refer to', () => {
    const installed = join(project, 'node_modules', 'restmachine')
    const missing: string[] = []
    for (const file of filesUnder(installed)) {
      const text = readFileSync(file, 'utf8')
      if (file.endsWith('.map')) {
        const map = JSON.parse(text) as { sources: string[] }
        for (const source of map.sources) {
          if (!existsSync(resolve(dirname(file), source))) missing.push(`${file} → ${source}`)
        }
      } else if (/\.(js|d\.ts)$/.test(file)) {
        // Static imports and re-exports start a line; `import('…')` may appear anywhere in code.
        const specifiers = [
          ...text.matchAll(/^(?:import|export)\b[^;'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/gm),
          ...text.matchAll(/^\s*(?:import|export)\s*['"](\.{1,2}\/[^'"]+)['"]/gm),
          ...text.matchAll(/\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g),
          ...text.matchAll(/^\/\/# sourceMappingURL=(\S+)/gm),
        ].map((match) => defined(match[1], 'the specifier an import names'))
        for (const specifier of specifiers) {
          if (!existsSync(resolve(dirname(file), specifier))) missing.push(`${file} → ${specifier}`)
        }
      }
    }
    expect(missing).toEqual([])
  })

  it('type-checks a TypeScript user of the Web-standard entries with skipLibCheck off and no optional peer', async () => {
    // The published declarations must not name an optional peer: a strict project without jose
    // (or any other peer) type-checks its use of restmachine/auth.
    writeFileSync(
      join(project, 'user.mts'),
      [
        "import { RestApplication } from 'restmachine'",
        "import { createJwt, jwtBearer, type JwtClaims, type JwtKey } from 'restmachine/auth'",
        "import { cloudflareFetch } from 'restmachine/fetch'",
        "import { toLambdaHandler } from 'restmachine/lambda'",
        "import { createTestClient } from 'restmachine/testing'",
        "import { createClient } from 'restmachine/client'",
        "const claims: JwtClaims = { sub: 'ada', role: 'admin', exp: 1 }",
        "const key: JwtKey = { alg: 'ES256', publicKey: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' } }",
        "const jwt = createJwt({ secret: 'a-secret-of-at-least-thirty-two-bytes!!' })",
        "const app = new RestApplication().authorized('token', jwtBearer(jwt))",
        "app.get('/me', ({ token }) => ({ sub: token.sub }))",
        'export const uses = [claims, key, cloudflareFetch(app), toLambdaHandler(app), createTestClient(app)]',
        // The typed client reads the routes of a chained application from the published declarations.
        "const typed = new RestApplication().get('/items/{id}', ({ id }) => ({ id }))",
        'const client = createClient<typeof typed>(typed.fetch)',
        "export const item = client.get('/items/{id}', { params: { id: '1' } }).then((res) => (res.status === 200 ? res.body.id : ''))",
        '// @ts-expect-error: the application has no route /nowhere',
        "export const nowhere = client.get('/nowhere')",
        '',
      ].join('\n'),
    )
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          types: [],
        },
        files: ['user.mts'],
      }),
    )
    const result = await command(bin('tsc'), ['-p', 'tsconfig.json'], project, 120_000)
    expect(result.stdout + result.stderr).toBe('')
    expect(result.code).toBe(0)
  }, 150_000)

  describe('imported without its optional peers', () => {
    let results: Record<string, unknown>

    beforeAll(async () => {
      // Copied into the project, so that `restmachine` resolves to the installed copy.
      const script = join(project, 'without-peers.mjs')
      copyFileSync(join(ROOT, 'test', 'package', 'without-peers.mjs'), script)
      const result = await command(process.execPath, [script], project, 60_000)
      if (result.code !== 0) throw new Error(`the script failed:\n${result.stderr}`)
      results = JSON.parse(result.stdout) as Record<string, unknown>
    }, 90_000)

    it('loads the core and every entry but restmachine/redis, and serves a request', () => {
      for (const entry of ['restmachine', 'restmachine/auth', 'restmachine/node', 'restmachine/fetch']) {
        expect(results[entry], entry).toBe('no error')
      }
      expect(results['restmachine/testing']).toBe('no error')
      expect(results['restmachine/lambda']).toBe('no error')
      expect(results['restmachine/client']).toBe('no error')
      expect(results.hello).toEqual([200, '{"hello":"world"}'])
      expect(results.helloByClient).toEqual([200, { hello: 'world' }])
    })

    it('refuses to import restmachine/redis, naming ioredis and its install command', () => {
      expect(results['restmachine/redis']).toBe(
        'restmachine/redis needs the optional peer "ioredis", which is not installed — npm install ioredis',
      )
    })

    it('names @node-rs/argon2 when a password is hashed or verified', () => {
      const message =
        'restmachine/auth: passwordHasher needs the optional peer "@node-rs/argon2", which is not installed — npm install @node-rs/argon2'
      expect(results.hash).toBe(message)
      // Never a silent "wrong password".
      expect(results.verify).toBe(message)
    })

    it('names jose when a token is signed or verified', () => {
      const message =
        'restmachine/auth: createJwt needs the optional peer "jose", which is not installed — npm install jose'
      expect(results.sign).toBe(message)
      // Never a silent "invalid token".
      expect(results.verifyToken).toBe(message)
    })

    it('answers a rate-limited route 500 and logs that rate-limiter-flexible is needed, without leaking it', () => {
      const [status, body, logged] = results.limited as [number, string, string[]]
      expect(status).toBe(500)
      expect(body).not.toContain('rate-limiter-flexible')
      expect(logged).toEqual([
        'restmachine/auth: rateLimit needs the optional peer "rate-limiter-flexible", which is not installed — npm install rate-limiter-flexible',
      ])
    })
  })
})

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(path)
    return [path]
  })
}
