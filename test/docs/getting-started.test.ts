import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pageProject } from './page-project.js'
import { ROOT } from './pages.js'

// docs/getting-started.md's step 1 (the shell commands, package.json, tsconfig.json) checked without
// a network: what the commands set is what the page shows, and what the code imports is installed.
// Its code is type-checked and run by code-blocks.test.ts and runnable-blocks.integration.test.ts;
// its final project is type-checked, tested and served by tutorial-project.integration.test.ts.
const PAGE = 'docs/getting-started.md'
const project = pageProject(readFileSync(join(ROOT, PAGE), 'utf8'))

interface PackageJson {
  name?: string
  type?: string
  scripts?: Record<string, string>
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}

function fileOf(path: string): string {
  const text = project.files.get(path)
  if (text === undefined) throw new Error(`${PAGE} shows no ${path}`)
  return text
}

const shown = JSON.parse(fileOf('package.json')) as PackageJson
const repository = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson & {
  version: string
}

/** The words of a shell command, with one level of double quotes removed. */
function words(command: string): string[] {
  return [...command.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((match) => match[0].replace(/"/g, ''))
}

/** What step 1's `npm pkg set` and `npm install` commands put in package.json. */
function commandsResult(): PackageJson {
  const result: Required<Pick<PackageJson, 'scripts' | 'dependencies' | 'devDependencies'>> & PackageJson = {
    scripts: {},
    dependencies: {},
    devDependencies: {},
  }
  for (const command of project.commands) {
    const [npm, verb, ...rest] = words(command)
    if (npm !== 'npm') continue
    if (verb === 'pkg' && rest[0] === 'set') {
      for (const assignment of rest.slice(1)) {
        const [key = '', ...value] = assignment.split('=')
        if (key === 'type') result.type = value.join('=')
        else if (key.startsWith('scripts.')) result.scripts[key.slice('scripts.'.length)] = value.join('=')
      }
    } else if (verb === 'install') {
      const dev = rest.includes('--save-dev')
      for (const name of rest.filter((word) => !word.startsWith('-'))) {
        ;(dev ? result.devDependencies : result.dependencies)[name] =
          shown[dev ? 'devDependencies' : 'dependencies']?.[name] ?? 'not shown'
      }
    }
  }
  return result
}

describe('the getting-started tutorial', () => {
  it('shows every file of its project', () => {
    expect([...project.files.keys()].sort()).toEqual([
      'package.json',
      'src/app.ts',
      'src/ask.ts',
      'src/lambda.ts',
      'src/server.ts',
      'src/try.ts',
      'test/notes.test.ts',
      'tsconfig.json',
    ])
    expect(() => JSON.parse(fileOf('tsconfig.json'))).not.toThrow()
  })

  it('shows the package.json its commands make: the module type, the scripts and the packages', () => {
    const made = commandsResult()
    expect(made.type).toBe(shown.type)
    expect(made.scripts).toEqual(shown.scripts)
    expect(Object.keys(made.dependencies ?? {}).sort()).toEqual(Object.keys(shown.dependencies ?? {}).sort())
    expect(Object.keys(made.devDependencies ?? {}).sort()).toEqual(
      Object.keys(shown.devDependencies ?? {}).sort(),
    )
    expect(project.commands).toContain('npm init -y')
  })

  it('installs the versions this repository is tested with', () => {
    const tested: Record<string, string | undefined> = {
      ...repository.devDependencies,
      restmachine: `^${repository.version}`,
    }
    const ranges = { ...shown.dependencies, ...shown.devDependencies }
    for (const [name, range] of Object.entries(ranges)) expect(range, name).toBe(tested[name])
  })

  it('installs every package its code imports', () => {
    const installed = new Set(Object.keys({ ...shown.dependencies, ...shown.devDependencies }))
    const imported = [...project.files.entries()]
      .filter(([path]) => path.endsWith('.ts'))
      .flatMap(([, code]) => [...code.matchAll(/from '([^'.][^']*)'/g)].map((match) => match[1] ?? ''))
      .filter((specifier) => !specifier.startsWith('node:'))
      .map((specifier) =>
        specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/'),
      )
    expect(imported.filter((name) => !installed.has(name))).toEqual([])
    expect(new Set(imported)).toEqual(new Set(['restmachine', 'zod']))
  })

  it('installs the optional peers of the restmachine/auth pieces its code uses', () => {
    const code = [...project.files.values()].join('\n')
    const peers = { createJwt: 'jose', passwordHasher: '@node-rs/argon2' }
    for (const [piece, peer] of Object.entries(peers)) {
      expect(code, piece).toContain(`${piece}(`)
      expect(shown.dependencies?.[peer], peer).toBeDefined()
    }
  })

  it('runs files its scripts name, and they are files of the page', () => {
    const named = Object.values(shown.scripts ?? {}).flatMap(
      (script) => script.match(/\b(?:src|test)\/\S+\.ts\b/g) ?? [],
    )
    expect(named.sort()).toEqual(['src/server.ts', 'test/notes.test.ts'])
    for (const path of named) expect(project.files.has(path), path).toBe(true)
  })
})

describe("reading a page's project", () => {
  const page = [
    '```bash',
    'npm init -y          # makes package.json',
    '',
    'npm test',
    '```',
    '<!-- file: src/app.ts -->',
    '```ts',
    'export const version = 1',
    '```',
    '<!-- file: package.json -->',
    '```json',
    '{ "type": "module" }',
    '```',
    '<!-- file: src/app.ts -->',
    '```ts',
    'export const version = 2',
    '```',
    '<!-- output of: npm test -->',
    '```text',
    'ok',
    '```',
  ].join('\n')

  it('keeps the last version of each file, the outputs by command and the shell lines without comments', () => {
    const read = pageProject(page)
    expect([...read.files]).toEqual([
      ['src/app.ts', 'export const version = 2'],
      ['package.json', '{ "type": "module" }'],
    ])
    expect([...read.outputs]).toEqual([['npm test', { line: 19, text: 'ok' }]])
    expect(read.commands).toEqual(['npm init -y', 'npm test'])
  })
})
