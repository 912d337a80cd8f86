import { ConfigurationError, RestApplication } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'
import { defined } from '../support/defined.js'

// `describe()` is the read-only view the OpenAPI generator reads. Before start it compiles the
// application through the same lifecycle step `start()` uses; these cases pin what that means.
describe('the application view', () => {
  it('lists every path in registration order with its routes, plans and Allow', () => {
    const app = new RestApplication()
    app.get('/posts/{id}', ({ id }) => ({ id }))
    app.get('/health', () => ({ ok: true }))
    app.put('/posts/{id}', ({ id }) => ({ id }))
    const view = app.describe()
    expect(view.paths.map((path) => path.template.source)).toEqual(['/posts/{id}', '/health'])
    expect(view.routes.map((route) => `${route.method} ${route.template.source}`)).toEqual([
      'GET /posts/{id}',
      'GET /health',
      'PUT /posts/{id}',
    ])
    const posts = defined(view.paths[0], 'the /posts/{id} path')
    expect(posts.routes.map((route) => route.method)).toEqual(['GET', 'PUT'])
    expect(posts.entry.allow).toBe('GET, HEAD, OPTIONS, PUT')
    expect([...posts.entry.methods.keys()]).toEqual(['GET', 'PUT'])
  })

  it('does not create startup values when it compiles before start, and start creates them once', async () => {
    let created = 0
    const app = new RestApplication().onStartup('clock', () => ++created)
    app.get('/now', ({ clock }) => ({ clock }))
    app.describe()
    app.openapi({ title: 'Clock', version: '1' })
    expect(created).toBe(0)
    const response = await createTestClient(app).get('/now')
    expect(response.json()).toEqual({ clock: 1 })
    expect(created).toBe(1)
  })

  it('keeps the compile it made before start for start() and for every later view', async () => {
    const app = new RestApplication()
    app.get('/a', () => ({}))
    const entryOfA = () => defined(app.describe().paths[0], 'the /a path').entry
    const before = entryOfA()
    expect(entryOfA()).toBe(before)
    await app.start()
    expect(entryOfA()).toBe(before)
  })

  it('compiles again after a registration made since the last view, so no route is missed', async () => {
    const app = new RestApplication()
    app.get('/a', () => ({ route: 'a' }))
    const first = app.openapi({ title: 'T', version: '1' })
    app.get('/b', () => ({ route: 'b' }))
    expect(Object.keys(first.paths)).toEqual(['/a'])
    expect(Object.keys(app.openapi({ title: 'T', version: '1' }).paths)).toEqual(['/a', '/b'])
    const response = await createTestClient(app).get('/b')
    expect(response.status).toBe(200)
    expect(response.json()).toEqual({ route: 'b' })
  })

  it('throws the start-up configuration error when the application cannot compile', async () => {
    const app = new RestApplication()
    app.get('/a', (context: Record<string, unknown>) => context.missing, { inject: ['missing'] })
    expect(() => app.describe()).toThrow(ConfigurationError)
    await expect(app.start()).rejects.toThrow(ConfigurationError)
  })

  it('reads error handlers registered after start', async () => {
    const app = new RestApplication()
    app.get('/a', () => ({}))
    await app.start()
    expect(app.describe().customErrors).toEqual(new Set())
    app.errorHandler(404, ({ message }) => ({ message }))
    expect(app.describe().customErrors).toEqual(new Set([404]))
  })
})
