/**
 * `npm run bench:scale`: how the cost grows with the size of the work (issue 13 §4).
 *
 *   router  — RestMachine's Router vs find-my-way in process, 10/100/1,000/10,000 routes
 *   startup — spawn to listening with 10,000 routes, restmachine vs fastify, cold processes
 *   routes  — whole-app req/s over HTTP (wrk) vs number of routes, hits spread over every route
 *   body    — whole-app req/s of a JSON POST of 1 KB, 10 KB, 100 KB, 1 MB
 *
 * Knobs: SCALE_PARTS (default `router,startup,routes,body`), SCALE_ROUNDS (alternating router rounds, 7),
 * SCALE_LOOKUPS (lookups per round, 300000), SCALE_STARTUP_RUNS (cold starts per server, 5),
 * SCALE_STARTUP_ROUTES (10000), SCALE_HTTP_ROUNDS (alternating rounds of the HTTP curves,
 * 3), SCALE_HTTP_SECONDS (measured wrk run per point, 5), BENCH_SCALE_WRITE=0 (print only). Each
 * part replaces its kept section of bench/RESULTS.md (scale-router, scale-startup, scale-routes,
 * scale-body).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import path from 'node:path'
import { type Launch, prepareServer } from './lib/build.js'
import { withKeptSection } from './lib/kept-sections.js'
import { machineInfo } from './lib/proc.js'
import { BENCH_DIR } from './lib/servers.js'
import { curveTable, measureBodyCurve, measureRoutesCurve } from './scale/http-cost.js'
import { measureRouterCost, routerCostTable } from './scale/router-cost.js'
import { ROUTE_COUNTS } from './scale/routes.js'
import { measureStartup, startupTable } from './scale/startup.js'
import { versionsLine } from './scale/versions.js'

const parts = new Set((process.env.SCALE_PARTS ?? 'router,startup,routes,body').split(','))
const httpRounds = Number(process.env.SCALE_HTTP_ROUNDS ?? 3)
const httpSeconds = Number(process.env.SCALE_HTTP_SECONDS ?? 5)
const rounds = Number(process.env.SCALE_ROUNDS ?? 7)
const lookups = Number(process.env.SCALE_LOOKUPS ?? 300000)
const startupRuns = Number(process.env.SCALE_STARTUP_RUNS ?? 5)
const startupRoutes = Number(process.env.SCALE_STARTUP_ROUTES ?? 10000)
const machine = machineInfo()
const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ')
// The load average at the start tells a reader how much else was running: with other jobs on the
// machine the figures are indicative, the ratios between servers measured side by side less so.
const load = loadavg()[0]?.toFixed(2)
const context = `${machine.cpuModel}, ${machine.cpuCount} CPUs, ${machine.memoryGb} GB, ${machine.os}; ${versionsLine()}; ${stamp} UTC; load average ${load} at the start (indicative when above ~0.5: other jobs shared the machine)`

const sections = new Map<string, string>()

if (parts.has('router')) {
  const costs = ROUTE_COUNTS.map((n) => measureRouterCost(n, rounds, lookups))
  sections.set(
    'scale-router',
    [
      '## Scale: router cost vs number of routes',
      '',
      `In process (\`npm run bench:scale\`, part router): half static, half one-parameter routes; each round looks up ${lookups.toLocaleString('en')} paths spread over every route in a fixed shuffled order; ${rounds} rounds alternating which router goes first; median ns per lookup and min–max of the rounds. find-my-way's \`find\` also selects by method; RestMachine's Router maps path → resource (the machine decides the method later). ${context}.`,
      '',
      routerCostTable(costs),
    ].join('\n'),
  )
}

const launches = new Map<string, Launch>()
for (const name of ['restmachine', 'fastify'])
  launches.set(
    name,
    await prepareServer(`scale-${name}`, undefined, path.join(BENCH_DIR, 'scale', 'servers', `${name}.ts`)),
  )
const httpMethod = `wrk (one thread pinned to CPU 0, 50 connections), servers pinned to CPU 1, a fresh process per server each round, ${httpRounds} rounds alternating which goes first, 1 s warm-up then ${httpSeconds} s measured; each round first checks one answer's body and any non-2xx answer or socket error fails the run`

if (parts.has('startup')) {
  const samples = await measureStartup(launches, startupRoutes, startupRuns, 1)
  sections.set(
    'scale-startup',
    [
      `## Scale: start-up to listening with ${startupRoutes.toLocaleString('en')} routes`,
      '',
      `\`npm run bench:scale\`, part startup: ${startupRuns} cold \`node\` processes per server (esbuild-bundled, pinned to CPU 1), alternating; wall time from spawn to the ready line (after \`listen\`), and the process's user + system CPU by then. Route set as above (\`bench/scale/servers/*.ts\`). ${context}.`,
      '',
      startupTable(samples),
    ].join('\n'),
  )
}

if (parts.has('routes')) {
  const points = await measureRoutesCurve(launches, ROUTE_COUNTS, httpRounds, httpSeconds)
  sections.set(
    'scale-routes',
    [
      '## Scale: whole-app cost per request vs number of routes',
      '',
      `\`npm run bench:scale\`, part routes: the route-set servers (\`bench/scale/servers/*.ts\`, JSON answers) with N routes, GETs cycling through every route in a shuffled order (a wrk Lua list). ${httpMethod}. ${context}.`,
      '',
      curveTable(points, 'routes'),
    ].join('\n'),
  )
}

if (parts.has('body')) {
  const points = await measureBodyCurve(
    launches,
    [1024, 10 * 1024, 100 * 1024, 1024 * 1024],
    httpRounds,
    httpSeconds,
  )
  sections.set(
    'scale-body',
    [
      '## Scale: cost vs JSON body size',
      '',
      `\`npm run bench:scale\`, part body (4 connections, not 50): POST /body with a JSON object of the size shown (string fields), parsed by each framework's own JSON body parsing (\`jsonBody\`; Fastify's content-type parser), the answer its key count; body limit 2 MB on both. ${httpMethod}. ${context}.`,
      '',
      curveTable(points, 'body'),
    ].join('\n'),
  )
}

for (const section of sections.values()) console.log(`${section}\n`)
if (process.env.BENCH_SCALE_WRITE !== '0') {
  const file = path.join(BENCH_DIR, 'RESULTS.md')
  let text = existsSync(file) ? readFileSync(file, 'utf8') : ''
  for (const [name, section] of sections) text = withKeptSection(text, name, section)
  writeFileSync(file, text)
}
