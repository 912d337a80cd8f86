/**
 * `npm run bench:memory`: memory cost per request (issue 13 §5).
 *
 *   alloc — V8 heap bytes allocated per request for hello and users, restmachine vs fastify,
 *           measured inside each server by `bench/memory/alloc-meter.ts` (method there)
 *
 * Knobs: MEMORY_ROUNDS (fresh processes per server, alternating; 3), MEMORY_SECONDS (measured wrk
 * run per scenario; 10), MEMORY_WARMUP_SECONDS (3), MEMORY_SCENARIOS (`hello,users`),
 * BENCH_MEMORY_WRITE=0 (print only). Replaces the kept section memory-alloc of bench/RESULTS.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { type Launch, prepareServer } from './lib/build.js'
import { withKeptSection } from './lib/kept-sections.js'
import { machineInfo } from './lib/proc.js'
import { BENCH_DIR } from './lib/servers.js'
import { allocTable, measureAlloc } from './memory/alloc.js'
import { versionsLine } from './scale/versions.js'

const rounds = Number(process.env.MEMORY_ROUNDS ?? 3)
const seconds = Number(process.env.MEMORY_SECONDS ?? 10)
const warmupSeconds = Number(process.env.MEMORY_WARMUP_SECONDS ?? 3)
const scenarios = (process.env.MEMORY_SCENARIOS ?? 'hello,users').split(',')

const launches = new Map<string, Launch>()
for (const name of ['restmachine', 'fastify']) launches.set(name, await prepareServer(name))
const meter = await prepareServer('alloc-meter', undefined, path.join(BENCH_DIR, 'memory', 'alloc-meter.ts'))
const meterArgs =
  meter.mode === 'esbuild'
    ? ['--import', meter.args[0] as string]
    : meter.args.slice(0, -1).concat(['--import', meter.args.at(-1) as string])

const samples = await measureAlloc(launches, meterArgs, { scenarios, rounds, seconds, warmupSeconds })
const machine = machineInfo()
const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ')
const section = [
  '## Memory: bytes allocated per request',
  '',
  `\`npm run bench:memory\`: V8 heap bytes allocated per response, measured inside each server (\`bench/memory/alloc-meter.ts\`, loaded with \`--import\`: the \`--trace-gc\` sum — used heap before each collection minus used heap after the previous one — read from \`v8.GCProfiler\`; off-heap Buffer memory not counted). Per scenario: ${warmupSeconds} s wrk warm-up, then ${seconds} s measured, 50 connections; ${rounds} rounds, a fresh process per server each round, alternating which server goes first; median and min–max of the rounds. The bench servers of \`bench/servers/\`. ${machine.cpuModel}, ${machine.cpuCount} CPUs, ${machine.os}; ${versionsLine()}; ${stamp} UTC.`,
  '',
  allocTable(samples, scenarios),
].join('\n')
console.log(section)
if (process.env.BENCH_MEMORY_WRITE !== '0') {
  const file = path.join(BENCH_DIR, 'RESULTS.md')
  writeFileSync(
    file,
    withKeptSection(existsSync(file) ? readFileSync(file, 'utf8') : '', 'memory-alloc', section),
  )
}
