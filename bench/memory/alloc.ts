/**
 * Bytes allocated per request: each server runs with the alloc meter (`alloc-meter.ts`); per
 * scenario, wrk warms it up, then the meter is switched on, wrk runs again, the meter is switched
 * off, and the V8 heap bytes allocated are divided by the responses wrk counted. Servers alternate
 * round by round, each round in a fresh process.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Launch } from '../lib/build.js'
import { scenarioNamed } from '../lib/plan.js'
import { sleep } from '../lib/proc.js'
import { startServer } from '../lib/servers.js'
import { median } from '../scale/routes.js'
import { mintToken } from '../scenarios.js'
import { runWrk } from './wrk.js'

/** Samples of bytes per request, by server then scenario. */
export type AllocSamples = Map<string, Map<string, number[]>>

/** Options of an allocation measurement. */
export interface AllocOptions {
  scenarios: readonly string[]
  rounds: number
  seconds: number
  warmupSeconds: number
}

async function readMeter(file: string): Promise<{ allocated: number }> {
  for (let i = 0; i < 100 && !existsSync(file); i++) await sleep(50)
  const result = JSON.parse(readFileSync(file, 'utf8')) as { allocated: number }
  rmSync(file)
  return result
}

/** Measures every server in `launches` with the meter `meterArgs` (node flags that load it). */
export async function measureAlloc(
  launches: ReadonlyMap<string, Launch>,
  meterArgs: string[],
  options: AllocOptions,
): Promise<AllocSamples> {
  const dir = mkdtempSync(path.join(tmpdir(), 'alloc-'))
  const out = path.join(dir, 'meter.json')
  const inputs = { token: await mintToken(), etag: null }
  const samples: AllocSamples = new Map([...launches.keys()].map((name) => [name, new Map()]))
  for (let round = 0; round < options.rounds; round++) {
    const names = [...launches.keys()]
    if (round % 2 === 1) names.reverse()
    for (const name of names) {
      const server = await startServer(name, {
        launch: launches.get(name) as Launch,
        cpu: 1,
        nodeArgs: meterArgs,
        env: { ALLOC_METER_OUT: out },
      })
      const base = `http://127.0.0.1:${server.port}`
      try {
        for (const id of options.scenarios) {
          const requests = scenarioNamed(id).requests(inputs)
          await runWrk(base, requests, { seconds: options.warmupSeconds, connections: 50 })
          process.kill(server.pid, 'SIGUSR2')
          const count = await runWrk(base, requests, { seconds: options.seconds, connections: 50 })
          process.kill(server.pid, 'SIGUSR2')
          const { allocated } = await readMeter(out)
          const byScenario = samples.get(name) as Map<string, number[]>
          byScenario.set(id, [...(byScenario.get(id) ?? []), allocated / count])
        }
      } finally {
        await server.stop()
      }
    }
  }
  return samples
}

/** The Markdown table: bytes per request per scenario and server, and fastify ÷ restmachine. */
export function allocTable(samples: AllocSamples, scenarios: readonly string[]): string {
  const fmt = (xs: number[] | undefined) =>
    xs === undefined || xs.length === 0
      ? '–'
      : `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`
  const names = [...samples.keys()]
  const rows = scenarios.map((id) => {
    const cells = names.map((name) => fmt(samples.get(name)?.get(id)))
    const ours = samples.get('restmachine')?.get(id)
    const peer = samples.get('fastify')?.get(id)
    const ratio =
      ours && peer && ours.length > 0 && peer.length > 0
        ? `${(median(peer) / median(ours)).toFixed(2)}×`
        : '–'
    return `| ${id} | ${cells.join(' | ')} | ${ratio} |`
  })
  return [
    `| scenario | ${names.map((n) => `${n} B/request, median (min–max)`).join(' | ')} | fastify ÷ restmachine (>1 = ours allocates less) |`,
    `| --- | ${names.map(() => '---:').join(' | ')} | ---: |`,
    ...rows,
  ].join('\n')
}
