import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../examples/ops/trace-viewer.js'

const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url))
const ROOT = fileURLToPath(new URL('../..', import.meta.url))

describe('examples/ops/trace-viewer.ts', () => {
  it('prints, run as `npx tsx`, the path of its 401, 304 and 201 as the viewer recorded them', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [TSX, 'examples/ops/trace-viewer.ts'], {
      cwd: ROOT,
      timeout: 30_000,
    })
    const lines = stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^trace viewer: http:\/\/127\.0\.0\.1:\d+\/_restmachine$/)
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^PUT \/orders\/2 → 401: MESSAGE\+ .* B8-$/),
      expect.stringMatching(/^GET \/orders\/1 → 304: MESSAGE\+ .* G7\+ .* K13\+ J18\+$/),
      expect.stringMatching(/^PUT \/orders\/2 → 201: MESSAGE\+ .* B8\+ G7- I7\+ .* HANDLER\+ P11\+$/),
    ])
  }, 40_000)

  describe('over HTTP', () => {
    let server: RunningServer
    beforeAll(async () => {
      server = await serve(createApp(), { port: 0, handleSignals: false })
    })
    afterAll(() => server.close())

    it('records every request with the nodes of its X-Restmachine-Trace, and the resource lookup timed at G7', async () => {
      const made = await fetch(`${server.url}/orders/1`)
      expect(made.status).toBe(200)
      const { traces } = (await (await fetch(`${server.url}/_restmachine/traces.json`)).json()) as {
        traces: { steps: { node: string; dependencies: { name: string; durationMs: number }[] }[] }[]
      }
      const steps = traces[0]?.steps ?? []
      expect(steps.map((step) => step.node).join(',')).toBe(made.headers.get('x-restmachine-trace'))
      const lookup = steps.find((step) => step.node === 'G7')?.dependencies.find((d) => d.name === 'order')
      expect(lookup?.durationMs).toBeGreaterThanOrEqual(10) // the example's lookup waits 12 ms
    })
  })
})
