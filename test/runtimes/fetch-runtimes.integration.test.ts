import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HTTP_FEATURES_CASES } from '../examples/http-features-cases.js'
import { type Comparable, comparable } from './compare.js'
import { sendRaw } from './raw-client.js'
import {
  bundle,
  bundleFolder,
  type RunningRuntime,
  startBun,
  startDeno,
  startNode,
  startWorkerd,
} from './runtime-servers.js'

// The http-features example bundled with esbuild per runtime (examples/runtimes/*.ts, exactly the
// deployments of docs/deploy.md) and served by each runtime's own server. Every case of the shared
// list runs, in order, against a freshly started server of each runtime, and each answer must equal
// Node's: status, every header but those in IGNORED_HEADERS, and the body byte for byte.
const RUNTIMES = [
  { name: 'bun', entry: 'examples/runtimes/bun.ts', start: startBun },
  { name: 'deno', entry: 'examples/runtimes/deno.ts', start: startDeno },
  { name: 'workerd', entry: 'examples/runtimes/worker.ts', start: startWorkerd },
] as const

type Answers = Comparable[]

async function runCases(server: RunningRuntime): Promise<Answers> {
  const answers: Answers = []
  for (const { method, path, headers, body } of HTTP_FEATURES_CASES)
    answers.push(comparable(await sendRaw(server.url, method, path, headers, body)))
  return answers
}

describe('the http-features example on Bun, Deno and workerd answers exactly as on Node', () => {
  const servers: RunningRuntime[] = []
  const answers = new Map<string, Answers>()
  const folder = bundleFolder()
  const externals = new Map<string, string[]>()
  const timings = new Map<string, string>()

  beforeAll(async () => {
    const { path } = await folder
    const targets = [{ name: 'node', entry: 'examples/http-features.ts', start: startNode }, ...RUNTIMES]
    // allSettled: every server that did start is in `servers` before afterAll stops them.
    const results = await Promise.allSettled(
      targets.map(async ({ name, entry, start }) => {
        const file = join(path, `${name}.js`)
        const began = performance.now()
        externals.set(name, await bundle(entry, file, name === 'node' ? 'node' : 'neutral'))
        const bundled = performance.now()
        const server = await start(file)
        servers.push(server)
        const started = performance.now()
        answers.set(name, await runCases(server))
        const ms = (from: number, to: number) => `${Math.round(to - from)} ms`
        timings.set(
          name,
          `bundle ${ms(began, bundled)}, start ${ms(bundled, started)}, cases ${ms(started, performance.now())}`,
        )
      }),
    )
    for (const result of results) if (result.status === 'rejected') throw result.reason
  }, 240_000)

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()))
    await (await folder).remove()
  }, 60_000)

  it('answers every case on Node with the status the spec gives', () => {
    const node = answers.get('node') ?? []
    expect(node.map((answer) => answer.status)).toEqual(HTTP_FEATURES_CASES.map((item) => item.status))
  })

  it('serves on Deno without its legacy request.signal warning: the framework reads the signal only on demand', () => {
    const deno = servers.find((server) => server.name === 'deno')
    expect(deno?.output?.()).toMatch(/listening on/)
    expect(deno?.output?.()).not.toMatch(/request\.signal/)
  })

  describe.each(RUNTIMES.map(({ name }) => [name]))('on %s', (name) => {
    it('bundles without a single Node built-in', () => {
      expect(externals.get(name)).toEqual([])
    })

    it(`answers all ${HTTP_FEATURES_CASES.length} cases status-for-status, header-for-header and body-for-body like Node`, () => {
      const node = answers.get('node') ?? []
      const runtime = answers.get(name) ?? []
      const differences = HTTP_FEATURES_CASES.flatMap((item, index) => {
        const [expected, actual] = [node[index], runtime[index]]
        const same = JSON.stringify(actual) === JSON.stringify(expected)
        return same
          ? []
          : [{ case: `${item.method} ${item.path}: ${item.name}`, node: expected, [name]: actual }]
      })
      const passed = HTTP_FEATURES_CASES.length - differences.length
      console.info(
        `${name}: ${HTTP_FEATURES_CASES.length} cases run, ${passed} passed (${timings.get(name)})`,
      )
      expect(runtime).toHaveLength(HTTP_FEATURES_CASES.length)
      expect(differences).toEqual([])
    })
  })
})
