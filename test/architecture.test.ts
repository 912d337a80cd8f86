import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defined } from './support/defined.js'

const SRC = join(import.meta.dirname, '..', 'src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
  })
}

// Only these places may use Node-specific modules; everything else runs on any Fetch-API runtime.
// `tsconfig.core.json` compiles everything else with `"types": []` (no @types/node), so tsc rejects
// `node:` imports and Node globals (`process`, `Buffer`, `setImmediate`, `NodeJS.*`) there; the
// regex below only catches what tsc cannot see: an `ioredis` import (it ships its own types).
const NODE_ALLOWED = [/^adapters\/node\//, /^stores\/redis/, /^entries\/(node|redis)\.ts$/]
const NODE_ALLOWED_GLOBS = [
  'src/adapters/node',
  'src/stores/redis*',
  'src/entries/node.ts',
  'src/entries/redis.ts',
]

// Which rooms each room may import (shared/DESIGN.md), plus `errors` and `http` which are foundations.
// app → openapi and never back: openapi reads the `ApplicationView` type it defines itself
// (docs/decisions/0315-openapi-reads-an-application-view.md).
const ALLOWED_ROOMS: Record<string, string[]> = {
  http: [],
  errors: ['http'],
  // di reads the request (http) and parses bodies with render's parsers for its built-ins.
  di: ['errors', 'http', 'render'],
  router: ['errors'],
  render: ['http', 'errors'],
  machine: ['http', 'errors', 'di', 'router', 'render'],
  stores: [],
  app: ['di', 'router', 'machine', 'http', 'errors', 'render', 'openapi', 'telemetry', 'viewer'],
  openapi: ['di', 'machine', 'router', 'http', 'errors'],
  testing: ['app', 'http'],
  // The typed client reads an application's type only; at run time it needs nothing but Fetch.
  client: ['app'],
  adapters: ['app', 'http', 'errors', 'machine', 'openapi'],
  auth: ['errors', 'stores', 'http', 'app', 'di', 'render'],
  // OpenTelemetry spans of a run: reads the exchange and the diagram, wraps providers.
  telemetry: ['machine', 'http', 'di'],
  // The decision-trace viewer: draws the diagram, records runs (answers read as telemetry reads them).
  viewer: ['machine', 'http', 'errors', 'di', 'telemetry'],
}

// The package surface: `src/index.ts` and `src/entries/` re-export the rooms and may import any of
// them; no room may import the surface (that would make every room depend on every other).
const SURFACE = new Set(['index.ts', 'entries'])

// Rooms that other rooms (and the package surface) may import only through their door, index.ts:
// every room. A part of a room with its own index.ts is imported through that: adapters has no door of
// its own, only one per adapter; stores' Node-only Redis part cannot be behind the Node-free stores door.
const DOOR_ONLY: ReadonlySet<string> = new Set(Object.keys(ALLOWED_ROOMS))
const PARTS: Record<string, readonly string[]> = { adapters: ['node', 'lambda', 'fetch'], stores: ['redis'] }

const RELATIVE_IMPORT = /(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g

/** The room of a path relative to src/ (`app/x.ts` → `app`), or what lies outside src. */
function roomOf(path: string): string {
  if (path.startsWith('..')) return `outside src (${path})`
  const slash = path.indexOf('/')
  return slash === -1 ? path : path.slice(0, slash)
}

/** Every room → room edge the source files make, each with one file that makes it. */
function roomGraph(files: readonly { path: string; text: string }[]): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>()
  for (const file of files) {
    const room = roomOf(file.path)
    for (const match of file.text.matchAll(RELATIVE_IMPORT)) {
      const specifier = defined(match[1], 'the specifier an import names')
      const target = roomOf(relative(SRC, resolve(dirname(join(SRC, file.path)), specifier)))
      if (target === room) continue
      const edges = graph.get(room) ?? new Map<string, string>()
      graph.set(room, edges)
      if (!edges.has(target)) edges.set(target, file.path)
    }
  }
  return graph
}

/** The door of a path relative to src/: its room's index.js, or its part's (`adapters/node/index.js`). */
function doorOf(path: string): string {
  const [room, part] = path.split('/') as [string, string | undefined]
  return part !== undefined && PARTS[room]?.includes(part) ? `${room}/${part}/index.js` : `${room}/index.js`
}

/** Every import from another room into a door-only room that does not go through its door. */
function importsPastDoor(
  files: readonly { path: string; text: string }[],
  doorOnly: ReadonlySet<string>,
): string[] {
  const offenders: string[] = []
  for (const file of files) {
    const room = roomOf(file.path)
    for (const match of file.text.matchAll(RELATIVE_IMPORT)) {
      const specifier = defined(match[1], 'the specifier an import names')
      const target = relative(SRC, resolve(dirname(join(SRC, file.path)), specifier))
      const targetRoom = roomOf(target)
      if (targetRoom === room || !doorOnly.has(targetRoom)) continue
      if (target !== doorOf(target)) offenders.push(`${file.path} → ${target}`)
    }
  }
  return offenders
}

/** The first cycle found by a depth-first search, as its path (`a → b → a`), or undefined. */
function findCycle(graph: ReadonlyMap<string, Iterable<string>>): string[] | undefined {
  const done = new Set<string>()
  const path: string[] = []
  const visit = (room: string): string[] | undefined => {
    const at = path.indexOf(room)
    if (at >= 0) return [...path.slice(at), room]
    if (done.has(room)) return undefined
    path.push(room)
    for (const next of graph.get(room) ?? []) {
      const cycle = visit(next)
      if (cycle !== undefined) return cycle
    }
    path.pop()
    done.add(room)
    return undefined
  }
  for (const room of graph.keys()) {
    const cycle = visit(room)
    if (cycle !== undefined) return cycle
  }
  return undefined
}

describe('architecture', () => {
  const files = sourceFiles(SRC).map((path) => ({
    path: relative(SRC, path),
    text: readFileSync(path, 'utf8'),
  }))

  it('keeps ioredis imports inside the Redis store and the Redis entry', () => {
    const offenders = files
      .filter((file) => !NODE_ALLOWED.some((pattern) => pattern.test(file.path)))
      .filter((file) => /from ['"]ioredis/.test(file.text))
      .map((file) => file.path)
    expect(offenders).toEqual([])
  })

  it('never imports pino in src/: the application calls the logger instance it is given', () => {
    const offenders = files
      .filter((file) => /(?:from\s*|import\s*\(\s*)['"]pino/.test(file.text))
      .map((file) => file.path)
    expect(offenders).toEqual([])
  })

  it('type-checks every other source file without Node types (tsconfig.core.json)', () => {
    const core = JSON.parse(readFileSync(join(SRC, '..', 'tsconfig.core.json'), 'utf8'))
    expect(core.compilerOptions.types).toEqual([])
    expect(core.include).toEqual(['src'])
    expect(core.exclude).toEqual(NODE_ALLOWED_GLOBS)
    const scripts = JSON.parse(readFileSync(join(SRC, '..', 'package.json'), 'utf8')).scripts
    expect(scripts.typecheck).toContain('tsc -p tsconfig.core.json')
  })

  it('keeps dependencies between rooms pointing one way', () => {
    const violations: string[] = []
    for (const [room, edges] of roomGraph(files)) {
      const allowed = ALLOWED_ROOMS[room]
      if (allowed === undefined) continue // the package surface imports anything
      for (const [target, file] of edges)
        if (!allowed.includes(target)) violations.push(`${file} → ${target}`)
    }
    expect(violations).toEqual([])
  })

  it('makes every room door-only, so the rule cannot skip a room added to the table', () => {
    const rooms = readdirSync(SRC).filter(
      (name) => statSync(join(SRC, name)).isDirectory() && !SURFACE.has(name),
    )
    expect([...DOOR_ONLY].sort()).toEqual(rooms.sort())
  })

  it('lets other rooms and the package surface import a room only through its index.ts', () => {
    expect(importsPastDoor(files, DOOR_ONLY)).toEqual([])
  })

  it('has an index.ts for every part it names as a door', () => {
    const doors = Object.entries(PARTS).flatMap(([room, parts]) => parts.map((part) => `${room}/${part}`))
    expect(doors.filter((door) => !statSync(join(SRC, door, 'index.ts'), { throwIfNoEntry: false }))).toEqual(
      [],
    )
  })

  it('names an import that reaches past a door into a file', () => {
    const reaching = [
      { path: 'machine/run.ts', text: "import { resolvePhase } from '../di/resolve-phase.js'" },
      { path: 'app/answer.ts', text: "import { RestResponse } from '../http/rest-response.js'" },
      { path: 'index.ts', text: "export * from './errors/status-errors.js'" },
      { path: 'adapters/node/x.ts', text: "import type { Provider } from '../../di/index.js'" },
      { path: 'entries/node.ts', text: "export * from '../adapters/node/index.js'" },
      { path: 'entries/fetch.ts', text: "export * from '../adapters/fetch/cloudflare-fetch.js'" },
      { path: 'entries/redis.ts', text: "export * from '../stores/redis/index.js'" },
      { path: 'entries/redis.ts', text: "export * from '../stores/redis/redis-store.js'" },
      { path: 'adapters/lambda/x.ts', text: "import { writeResponse } from '../node/write-response.js'" },
      { path: 'di/graph.ts', text: "import { closestNames } from './closest-names.js'" },
    ]
    expect(importsPastDoor(reaching, DOOR_ONLY)).toEqual([
      'machine/run.ts → di/resolve-phase.js',
      'app/answer.ts → http/rest-response.js',
      'index.ts → errors/status-errors.js',
      'entries/fetch.ts → adapters/fetch/cloudflare-fetch.js',
      'entries/redis.ts → stores/redis/redis-store.js',
    ])
  })

  it('lets no room import the package surface (src/index.ts, src/entries/)', () => {
    const offenders = [...roomGraph(files)]
      .filter(([room]) => !SURFACE.has(room))
      .flatMap(([, edges]) => [...edges].filter(([target]) => SURFACE.has(target)))
      .map(([target, file]) => `${file} → ${target}`)
    expect(offenders).toEqual([])
  })

  it('has no import cycle between rooms, openapi ↔ app included', () => {
    const graph = new Map([...roomGraph(files)].map(([room, edges]) => [room, [...edges.keys()]]))
    const cycle = findCycle(graph)
    expect(cycle, `rooms import each other in a cycle: ${cycle?.join(' → ')}`).toBeUndefined()
    expect(graph.get('openapi') ?? []).not.toContain('app')
  })

  it('allows no cycle in its own table of rooms, so the rules cannot drift into one', () => {
    const cycle = findCycle(new Map(Object.entries(ALLOWED_ROOMS)))
    expect(cycle, `the table allows a cycle: ${cycle?.join(' → ')}`).toBeUndefined()
  })

  it('finds a cycle and names its path', () => {
    const graph = new Map([
      ['app', ['machine', 'openapi']],
      ['openapi', ['machine', 'app']],
      ['machine', []],
    ])
    expect(findCycle(graph)).toEqual(['app', 'openapi', 'app'])
    expect(
      findCycle(
        new Map([
          ['app', ['machine']],
          ['machine', []],
        ]),
      ),
    ).toBeUndefined()
  })

  it('keeps source files small enough to be one idea', () => {
    const large = files.filter((file) => file.text.split('\n').length > 400).map((file) => file.path)
    expect(large).toEqual([])
  })
})
