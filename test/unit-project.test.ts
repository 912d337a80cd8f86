import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defined } from './support/defined.js'

// The `unit` vitest project (vitest.config.ts) is every test/**/*.test.ts not named
// *.integration.test.ts. It must run in memory, so none of its files — nor the test helpers they
// import — may import a module that opens sockets, starts processes or drives a service.
const TEST = import.meta.dirname

const OUTSIDE_THE_PROCESS = [
  /^(node:)?(net|http|https|http2|tls|dgram|child_process|cluster)(\/.*)?$/,
  /^(playwright|playwright-core|ioredis|miniflare|lambda-local|esbuild|autocannon|bun|deno)$/,
  /^@(redocly|stoplight)\//,
  /^restmachine\/(node|redis)$/,
  /\/src\/adapters\/node\//,
  /\/src\/stores\/redis/,
  /\/src\/entries\/(node|redis)\.js$/,
]

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : testFiles(path)
    return path.endsWith('.test.ts') ? [path] : []
  })
}

const isUnit = (path: string) => !path.endsWith('.integration.test.ts')

function specifiers(source: string): string[] {
  return [...source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) =>
    defined(match[1], 'the specifier an import names'),
  )
}

/** Each forbidden import of `file` and of the test helpers it reaches, as `helper → module`. */
function outsideImports(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return []
  seen.add(file)
  const found: string[] = []
  for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
    if (OUTSIDE_THE_PROCESS.some((pattern) => pattern.test(specifier)))
      found.push(`${relative(TEST, file)} → ${specifier}`)
    if (!specifier.startsWith('.')) continue
    const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'))
    // Helpers under test/ are followed; src/ and examples/ are covered by the run-time tripwire.
    if (!relative(TEST, target).startsWith('..') && existsSync(target))
      found.push(...outsideImports(target, seen))
  }
  return found
}

describe('the unit project', () => {
  const files = testFiles(TEST)

  it('imports nothing that opens sockets, starts processes or drives a service', () => {
    const offenders = files.filter(isUnit).flatMap((file) => outsideImports(file))
    expect(offenders, 'rename these files to *.integration.test.ts').toEqual([])
  })

  it('recognises a socket test, even through a helper', () => {
    const served = join(TEST, 'examples', 'http-features.integration.test.ts')
    expect(outsideImports(served)).toContain('examples/support/doors.ts → node:http')
  })

  it('fails a test that opens a socket at run time', async () => {
    const failure = await fetch('http://127.0.0.1:65535/').catch((error: unknown) => error)
    expect(String((failure as Error).cause)).toContain('Name the file *.integration.test.ts')
  })
})
