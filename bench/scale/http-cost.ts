/**
 * Whole-app cost over real HTTP for bench:scale: the route-set servers of `bench/scale/servers/`
 * driven by wrk, restmachine and fastify alternating round by round, each round in fresh processes.
 * Two curves: requests/s vs number of routes (GETs spread over every route) and requests/s vs JSON
 * body size (POST /body, parsed, its keys counted, on both).
 */
import type { Launch } from '../lib/build.js'
import type { LoadRequest } from '../lib/plan.js'
import { startServer } from '../lib/servers.js'
import { runWrk } from '../memory/wrk.js'
import { median, routeSet, shuffledHits } from './routes.js'

/** req/s samples by server, for one point of a curve. */
export interface CurvePoint {
  label: string
  rps: Map<string, number[]>
}

/** A JSON object of about `bytes` bytes (string fields of 90 characters). */
export function jsonOfSize(bytes: number): string {
  const fields: Record<string, string> = {}
  const value = 'x'.repeat(90)
  for (let i = 0; JSON.stringify(fields).length < bytes - 100; i++) fields[`k${i}`] = value
  return JSON.stringify(fields)
}

async function checkAnswer(base: string, request: LoadRequest, expected: unknown): Promise<void> {
  const init: RequestInit = { method: request.method, headers: request.headers }
  if (request.body !== undefined) init.body = request.body
  const response = await fetch(`${base}${request.path}`, init)
  const body = await response.json()
  if (JSON.stringify(body) !== JSON.stringify(expected))
    throw new Error(
      `${base}${request.path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(body)}`,
    )
}

async function measurePoint(
  launches: ReadonlyMap<string, Launch>,
  routes: number,
  requests: LoadRequest[],
  check: { request: LoadRequest; expected: unknown },
  rounds: number,
  seconds: number,
  connections: number,
): Promise<Map<string, number[]>> {
  const rps = new Map<string, number[]>([...launches.keys()].map((n) => [n, []]))
  for (let round = 0; round < rounds; round++) {
    const names = [...launches.keys()]
    if (round % 2 === 1) names.reverse()
    for (const name of names) {
      const server = await startServer(name, {
        launch: launches.get(name) as Launch,
        cpu: 1,
        env: { SCALE_ROUTES: String(routes) },
        timeoutMs: 120000,
      })
      try {
        const base = `http://127.0.0.1:${server.port}`
        await checkAnswer(base, check.request, check.expected)
        await runWrk(base, requests, { seconds: 1, connections }) // warm-up
        const count = await runWrk(base, requests, { seconds, connections })
        rps.get(name)?.push(count / seconds)
      } finally {
        await server.stop()
      }
    }
  }
  return rps
}

/** req/s vs number of routes, hits spread over every route of the set. */
export async function measureRoutesCurve(
  launches: ReadonlyMap<string, Launch>,
  counts: readonly number[],
  rounds: number,
  seconds: number,
): Promise<CurvePoint[]> {
  const points: CurvePoint[] = []
  for (const n of counts) {
    const set = routeSet(n)
    const requests = shuffledHits(set).map((path) => ({ method: 'GET', path, headers: {} }))
    const last = set[set.length - 1] as (typeof set)[number]
    const expected = last.hit === last.template ? { route: last.index } : { route: last.index, id: '42' }
    const check = { request: { method: 'GET', path: last.hit, headers: {} }, expected }
    points.push({
      label: n.toLocaleString('en'),
      rps: await measurePoint(launches, n, requests, check, rounds, seconds, 50),
    })
  }
  return points
}

/**
 * req/s vs JSON body size, POST /body on a 10-route server, 4 connections (50 connections of 1 MB
 * bodies queue past a short run and complete nothing).
 */
export async function measureBodyCurve(
  launches: ReadonlyMap<string, Launch>,
  sizes: readonly number[],
  rounds: number,
  seconds: number,
): Promise<CurvePoint[]> {
  const points: CurvePoint[] = []
  for (const size of sizes) {
    const body = jsonOfSize(size)
    const request = { method: 'POST', path: '/body', headers: { 'content-type': 'application/json' }, body }
    const expected = { keys: Object.keys(JSON.parse(body) as object).length }
    const label = size >= 1024 * 1024 ? `${size / 1024 / 1024} MB` : `${size / 1024} KB`
    points.push({
      label,
      rps: await measurePoint(launches, 10, [request], { request, expected }, rounds, seconds, 4),
    })
  }
  return points
}

/** The Markdown table of a curve: req/s per server (median, min–max) and restmachine ÷ fastify. */
export function curveTable(points: readonly CurvePoint[], firstColumn: string): string {
  const fmt = (xs: number[] | undefined) =>
    xs === undefined || xs.length === 0
      ? '–'
      : `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`
  const rows = points.map((p) => {
    const ours = p.rps.get('restmachine') ?? []
    const peer = p.rps.get('fastify') ?? []
    const ratio = ours.length > 0 && peer.length > 0 ? `${(median(ours) / median(peer)).toFixed(2)}×` : '–'
    return `| ${p.label} | ${fmt(ours)} | ${fmt(peer)} | ${ratio} |`
  })
  return [
    `| ${firstColumn} | restmachine req/s, median (min–max) | fastify req/s, median (min–max) | restmachine ÷ fastify (>1 = ours faster) |`,
    '| ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n')
}
