import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = join(import.meta.dirname, '..', 'src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
  })
}

// Only these places may use Node-specific modules; everything else runs on any Fetch-API runtime.
const NODE_ALLOWED = [/^adapters\/node\//, /^stores\/redis/, /^entries\/(node|redis)\.ts$/]

// Which rooms each room may import (shared/DESIGN.md), plus `errors` and `http` which are foundations.
const ALLOWED_ROOMS: Record<string, string[]> = {
  http: [],
  errors: ['http'],
  di: ['errors'],
  router: ['errors'],
  render: ['http', 'errors'],
  machine: ['http', 'errors', 'di', 'router'],
  stores: [],
  app: ['di', 'router', 'machine', 'http', 'errors', 'render', 'openapi'],
  openapi: ['app', 'di', 'machine', 'router', 'http', 'errors'],
  testing: ['app', 'http'],
  adapters: ['app', 'http', 'errors', 'machine'],
  auth: ['errors', 'stores', 'http', 'app', 'di'],
}

describe('architecture', () => {
  const files = sourceFiles(SRC).map((path) => ({
    path: relative(SRC, path),
    text: readFileSync(path, 'utf8'),
  }))

  it('keeps Node-only imports inside the Node adapter and the Redis store', () => {
    const offenders = files
      .filter((file) => !NODE_ALLOWED.some((pattern) => pattern.test(file.path)))
      .filter((file) => /from ['"](node:|ioredis)/.test(file.text))
      .map((file) => file.path)
    expect(offenders).toEqual([])
  })

  it('keeps dependencies between rooms pointing one way', () => {
    const violations: string[] = []
    for (const file of files) {
      const room = file.path.split('/')[0] as string
      const allowed = ALLOWED_ROOMS[room]
      if (allowed === undefined) continue
      for (const match of file.text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const target = relative(SRC, resolve(dirname(join(SRC, file.path)), match[1] as string))
        const targetRoom = target.startsWith('..')
          ? `outside src (${target})`
          : (target.split('/')[0] as string)
        if (targetRoom !== room && !allowed.includes(targetRoom))
          violations.push(`${file.path} → ${targetRoom}`)
      }
    }
    expect(violations).toEqual([])
  })

  it('keeps source files small enough to be one idea', () => {
    const large = files.filter((file) => file.text.split('\n').length > 400).map((file) => file.path)
    expect(large).toEqual([])
  })
})
