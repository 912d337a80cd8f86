/**
 * The route sets of `npm run bench:scale`: N routes, half static (`/s/g7/r123`), half with one
 * path parameter (`/p/g7/r124/{id}`), spread over groups of 10 so the tree has depth and breadth,
 * and the request paths that hit every one of them (each parameterized route with id `42`).
 */

/** One route of a set: its template in each router's syntax and a path that matches it. */
export interface ScaleRoute {
  /** RFC 6570-style template, as RestMachine registers it (`/p/g0/r1/{id}`) */
  template: string
  /** the same route in find-my-way / Fastify syntax (`/p/g0/r1/:id`) */
  fastify: string
  /** a request path that matches only this route */
  hit: string
  /** the route's number, the same in both servers' answers */
  index: number
}

/** The sizes the issue asks for. */
export const ROUTE_COUNTS = [10, 100, 1000, 10000] as const

/** N routes, even numbers static, odd numbers parameterized. */
export function routeSet(n: number): ScaleRoute[] {
  const routes: ScaleRoute[] = []
  for (let index = 0; index < n; index++) {
    const group = `g${Math.floor(index / 10)}`
    if (index % 2 === 0) {
      const path = `/s/${group}/r${index}`
      routes.push({ template: path, fastify: path, hit: path, index })
    } else {
      const base = `/p/${group}/r${index}`
      routes.push({ template: `${base}/{id}`, fastify: `${base}/:id`, hit: `${base}/42`, index })
    }
  }
  return routes
}

/** The hit paths of a set in a fixed pseudo-random order (same order for every router). */
export function shuffledHits(routes: readonly ScaleRoute[], seed = 1): string[] {
  const hits = routes.map((r) => r.hit)
  let state = seed
  for (let i = hits.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648
    const j = state % (i + 1)
    const a = hits[i] as string
    hits[i] = hits[j] as string
    hits[j] = a
  }
  return hits
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
