import { RestApplication } from 'restmachine'
import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../src/errors/index.js'
import { isLinkedNode, type LinkedTarget, type RoutePlan } from '../../src/machine/index.js'

/** The node ids a linked diagram visits, depth first from its entry: what a run can pass through. */
function diagramIds(entry: LinkedTarget): string[] {
  const ids: string[] = []
  const seen = new Set<LinkedTarget>()
  const visit = (target: LinkedTarget) => {
    if (!isLinkedNode(target) || seen.has(target)) return
    seen.add(target)
    ids.push(target.id)
    visit(target.onTrue)
    visit(target.onFalse)
  }
  visit(entry)
  return ids
}

function planOf(app: RestApplication, template: string, method: string): RoutePlan {
  const path = app.describe().paths.find((p) => p.template.source === template)
  return path?.entry.methods.get(method) as RoutePlan
}

// Issue 13 §4: 10,000 routes must start in well under a second, so nothing done per route at
// registration or compile may look at every other route (that was quadratic: 2.5 s at 10,000).
describe('start-up with many routes', () => {
  it('registers a route without reading any of the routes already registered', () => {
    const app = new RestApplication()
    for (let i = 0; i < 1000; i++) app.get(`/r${i}`, () => i)
    let reads = 0
    for (const route of app.registrations.routes) {
      for (const field of ['method', 'template'] as const) {
        const value = route[field]
        Object.defineProperty(route, field, {
          get: () => {
            reads++
            return value
          },
        })
      }
    }
    app.get('/one-more', () => 'x')
    app.post('/r0', () => 'x')
    expect(reads).toBe(0)
  })

  it('still refuses the same method and template registered twice, however many routes there are', () => {
    const app = new RestApplication()
    for (let i = 0; i < 1000; i++) app.get(`/r${i}/{id}`, () => i)
    expect(() => app.get('/r500/{id}', () => 'again')).toThrow(ConfigurationError)
    expect(() => app.route('get', '/r999/{id}', () => 'again')).toThrow(
      /route GET \/r999\/\{id\} is registered twice/,
    )
    expect(() => app.put('/r500/{id}', () => 'another method')).not.toThrow()
  })

  it('links one diagram for 10,000 routes of the same kind, each plan keeping its own route', () => {
    const app = new RestApplication()
    for (let i = 0; i < 10000; i++) app.get(`/r${i}/{id}`, () => i)
    const paths = app.describe().paths
    const plans = paths.map((p) => p.entry.methods.get('GET') as RoutePlan)
    expect(new Set(plans.map((plan) => plan.entry)).size).toBe(1)
    expect(new Set(paths.map((p) => p.entry.options.entry)).size).toBe(1)
    expect(new Set(plans.map((plan) => plan.handler)).size).toBe(10000)
    expect(plans[1234]?.template).toBe('/r1234/{id}')
  })

  it('links a route sharing a diagram exactly as it would be linked alone', () => {
    const build = (app: RestApplication) =>
      app
        .resourceExists('item', ({ pathParams }) => pathParams.id ?? null, {
          etag: ({ item }) => `"${item}"`,
        })
        .put('/items/{id}', ({ item }) => item, { creates: 'item', conflict: () => false })
    const alone = build(new RestApplication())
    const crowded = new RestApplication()
    for (let i = 0; i < 50; i++) crowded.get(`/plain${i}`, () => i)
    build(crowded)
    for (let i = 0; i < 50; i++) crowded.post(`/posted${i}`, () => i)
    const sharedEntry = diagramIds(planOf(crowded, '/items/{id}', 'PUT').entry)
    expect(sharedEntry).toEqual(diagramIds(planOf(alone, '/items/{id}', 'PUT').entry))
    // the routes differ in what is relevant to them, so their diagrams differ
    expect(sharedEntry).not.toEqual(diagramIds(planOf(crowded, '/plain0', 'GET').entry))
    expect(diagramIds(planOf(crowded, '/posted0', 'POST').entry)).not.toEqual(
      diagramIds(planOf(crowded, '/plain0', 'GET').entry),
    )
  })

  it('orders a closure once per set of names and path parameters, still refusing a route whose parameter is missing', () => {
    const app = new RestApplication()
    app.get('/users/{user}', ({ user }) => user)
    app.get('/teams/{user}', ({ user }) => user)
    // @ts-expect-error the type system already knows: '/me' has no parameter named 'user'
    app.get('/me', ({ user }) => user)
    expect(() => app.describe()).toThrow(
      /route GET \/me: 'the handler' needs 'user', but nothing named 'user'/,
    )
  })

  it('shares the phases of routes injecting the same names, each plan keeping its own handler', () => {
    const app = new RestApplication().dependency('clock', () => 1)
    app.get('/a/{id}', ({ clock, id }) => [clock, id])
    app.get('/b/{id}', ({ clock, id }) => [clock, id])
    const a = planOf(app, '/a/{id}', 'GET')
    const b = planOf(app, '/b/{id}', 'GET')
    expect(a.steps.authorize.map((p) => p.name)).toEqual(['clock'])
    expect(b.steps).toBe(a.steps)
    expect(b.handler).not.toBe(a.handler)
  })

  it('gives every path its own OPTIONS plan and Allow, computed once per set of methods', () => {
    const app = new RestApplication({ bodyLimit: 1234 })
    app.get('/x', () => 1).post('/x', () => 1)
    app.post('/y', () => 1).get('/y', () => 1)
    app.put('/z/{id}', () => 1)
    const entries = new Map(app.describe().paths.map((p) => [p.template.source, p.entry]))
    expect(entries.get('/x')?.allow).toBe('GET, HEAD, OPTIONS, POST')
    expect(entries.get('/y')?.allow).toBe('GET, HEAD, OPTIONS, POST')
    expect(entries.get('/z/{id}')?.allow).toBe('OPTIONS, PUT')
    for (const [template, entry] of entries) {
      expect(entry.options.template).toBe(template)
      expect(entry.options.method).toBe('OPTIONS')
      expect(entry.options.bodyLimit).toBe(1234)
    }
    expect(entries.get('/x')?.options.entry).toBe(entries.get('/z/{id}')?.options.entry)
  })
})
