/**
 * Router cost in process: RestMachine's `Router` (src/router) against find-my-way (the router
 * Fastify 5 uses) on the same route set, lookups spread over every route, in alternating rounds.
 * Reports ns per lookup (median of rounds, min–max) for each and `fmw ns ÷ ours ns` (above 1 = ours
 * faster). find-my-way's `find` also selects by method; ours maps path → resource (the method is
 * decided later, by the machine), so each does what its framework needs from a router per request.
 */
import FindMyWay from 'find-my-way'
import { parsePathTemplate, Router } from '../../src/router/index.js'
import { median, routeSet, shuffledHits } from './routes.js'

/** One size's figures. */
export interface RouterCost {
  routes: number
  oursNs: number[]
  fmwNs: number[]
}

function time(lookups: number, hits: readonly string[], lookup: (path: string) => unknown): number {
  let found = 0
  const start = process.hrtime.bigint()
  for (let i = 0; i < lookups; i++) if (lookup(hits[i % hits.length] as string) !== null) found++
  const ns = Number(process.hrtime.bigint() - start)
  if (found !== lookups) throw new Error(`only ${found} of ${lookups} lookups matched`)
  return ns / lookups
}

/** Measures one route count over `rounds` alternating rounds of `lookups` lookups each. */
export function measureRouterCost(n: number, rounds: number, lookups: number): RouterCost {
  const routes = routeSet(n)
  const ours = new Router<number>()
  const fmw = FindMyWay()
  for (const route of routes) {
    ours.add(parsePathTemplate(route.template), route.index)
    fmw.on('GET', route.fastify, () => {}, { index: route.index })
  }
  const hits = shuffledHits(routes)
  const oursLookup = (path: string) => {
    const m = ours.match(path)
    return typeof m === 'object' ? m : null
  }
  const fmwLookup = (path: string) => fmw.find('GET', path)
  // warm both up so each is measured optimised
  time(lookups, hits, oursLookup)
  time(lookups, hits, fmwLookup)
  const result: RouterCost = { routes: n, oursNs: [], fmwNs: [] }
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      result.oursNs.push(time(lookups, hits, oursLookup))
      result.fmwNs.push(time(lookups, hits, fmwLookup))
    } else {
      result.fmwNs.push(time(lookups, hits, fmwLookup))
      result.oursNs.push(time(lookups, hits, oursLookup))
    }
  }
  return result
}

/** The Markdown table of a set of sizes. */
export function routerCostTable(costs: readonly RouterCost[]): string {
  const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`
  const rows = costs.map((c) => {
    const ours = median(c.oursNs)
    const fmw = median(c.fmwNs)
    return `| ${c.routes.toLocaleString('en')} | ${ours.toFixed(0)} (${spread(c.oursNs)}) | ${fmw.toFixed(0)} (${spread(c.fmwNs)}) | ${(fmw / ours).toFixed(2)}× |`
  })
  return [
    '| routes | restmachine Router ns/lookup (min–max) | find-my-way ns/lookup (min–max) | fmw ÷ ours (>1 = ours faster) |',
    '| ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n')
}
