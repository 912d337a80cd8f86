/**
 * Start-up to listening: wall time from spawning `node <server>` to its ready line, and the CPU
 * seconds the process used by then (/proc/<pid>/stat), for a server with N routes. Cold processes,
 * restmachine and fastify alternating; medians with min–max.
 */
import type { Launch } from '../lib/build.js'
import { cpuSeconds } from '../lib/proc.js'
import { startServer } from '../lib/servers.js'
import { median } from './routes.js'

/** One server's start-up samples. */
export interface StartupSamples {
  name: string
  wallMs: number[]
  cpuMs: number[]
}

/** Starts each server `runs` times (alternating) with `routes` routes; each pinned to `cpu`. */
export async function measureStartup(
  launches: ReadonlyMap<string, Launch>,
  routes: number,
  runs: number,
  cpu: number,
): Promise<StartupSamples[]> {
  const samples = [...launches.keys()].map((name) => ({
    name,
    wallMs: [] as number[],
    cpuMs: [] as number[],
  }))
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? samples : [...samples].reverse()
    for (const s of order) {
      const launch = launches.get(s.name) as Launch
      const started = performance.now()
      const server = await startServer(s.name, {
        launch,
        cpu,
        env: { SCALE_ROUTES: String(routes) },
        timeoutMs: 120000,
      })
      s.wallMs.push(performance.now() - started)
      s.cpuMs.push((cpuSeconds(server.pid) ?? Number.NaN) * 1000)
      await server.stop()
    }
  }
  return samples
}

/** The Markdown table of start-up samples. */
export function startupTable(samples: readonly StartupSamples[]): string {
  const fmt = (xs: number[]) =>
    `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`
  return [
    '| server | wall ms to listening, median (min–max) | CPU ms by then, median (min–max) |',
    '| --- | ---: | ---: |',
    ...samples.map((s) => `| ${s.name} | ${fmt(s.wallMs)} | ${fmt(s.cpuMs)} |`),
  ].join('\n')
}
