import { RestApplication } from 'restmachine'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { generateOpenApi } from '../../src/openapi/index.js'
import { expectValidOpenApi } from '../openapi/support.js'

// A root application with a sub-application mounted under /api/v1 and another under /orgs/{org},
// served over a real socket: the mounted routes, the machine's answers under the prefix, each
// application's own error handler, the inherited startup value and the OpenAPI paths.
function composedApp() {
  const app = new RestApplication({ defaultHeaders: { 'x-served-by': 'root' } })
    .onStartup('store', () => ({ notes: new Map([['1', 'Buy milk']]), starts: 1 }))
    .dependency('greeting', () => 'root greeting')
    .errorHandler(404, () => ({ answeredBy: 'root' }))
  app.get('/', ({ greeting }) => ({ greeting }))
  app.mount('/api/v1', (api) =>
    api
      // The same name as the root's request dependency: each application has its own.
      .dependency('greeting', ({ store }) => `api greeting, ${store.notes.size} note(s)`)
      .validates('noteInput', z.object({ text: z.string().min(1) }))
      .resourceExists('note', ({ pathParams, store }) => store.notes.get(pathParams.id ?? ''))
      .errorHandler(404, 422, ({ status, message }) => ({ answeredBy: 'api', status, message }))
      .get('/', ({ greeting }) => ({ greeting }))
      .get('/notes/{id}', ({ id, note }) => ({ id, note }))
      .post('/notes', ({ noteInput, store }) => {
        store.notes.set(String(store.notes.size + 1), noteInput.text)
        return { created: noteInput.text }
      }),
  )
  app.mount('/orgs/{org}', (orgs) =>
    orgs
      .resourceExists('repos', ({ pathParams }) =>
        pathParams.org === 'acme' ? [`${pathParams.org}/site`] : undefined,
      )
      .get('/repos', ({ org, repos }) => ({ org, repos })),
  )
  return app
}

describe('a mounted application over HTTP', () => {
  let server: RunningServer
  const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init)
  beforeAll(async () => {
    server = await serve(composedApp(), { port: 0, handleSignals: false })
  })
  afterAll(() => server.close())

  it('serves the mounted routes under the prefix with their own dependencies and the inherited startup value', async () => {
    expect(await (await call('/api/v1/notes/1')).json()).toEqual({ id: '1', note: 'Buy milk' })
    expect(await (await call('/api/v1')).json()).toEqual({ greeting: 'api greeting, 1 note(s)' })
    expect(await (await call('/')).json()).toEqual({ greeting: 'root greeting' })
    const posted = await call('/api/v1/notes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Call Bob' }),
    })
    expect(posted.status).toBe(200)
    expect(await (await call('/api/v1/notes/2')).json()).toEqual({ id: '2', note: 'Call Bob' })
  })

  it('answers 404 and 405 with Allow under the prefix, with the mounted application’s error handler', async () => {
    const missing = await call('/api/v1/notes/99')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ answeredBy: 'api', status: 404 })
    const unknownPath = await call('/api/v1/nothing/here')
    expect(unknownPath.status).toBe(404)
    expect(await unknownPath.json()).toMatchObject({ answeredBy: 'api' })
    const refused = await call('/api/v1/notes', { method: 'DELETE' })
    expect(refused.status).toBe(405)
    expect(refused.headers.get('allow')).toBe('OPTIONS, POST')
    const invalid = await call('/api/v1/notes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: '' }),
    })
    expect(invalid.status).toBe(422)
    expect(await invalid.json()).toMatchObject({ answeredBy: 'api', status: 422 })
  })

  it('leaves the root’s errors to the root, also on a path that only starts like the prefix', async () => {
    expect(await (await call('/nothing')).json()).toEqual({ answeredBy: 'root' })
    expect(await (await call('/api/v10')).json()).toEqual({ answeredBy: 'root' })
  })

  it('types the prefix parameter into the mounted handler and falls back to the default error body there', async () => {
    expect(await (await call('/orgs/acme/repos')).json()).toEqual({ org: 'acme', repos: ['acme/site'] })
    const other = await call('/orgs/other/repos')
    expect(other.status).toBe(404)
    expect(await other.json()).toEqual({ error: 'Not Found', message: 'Resource not found' })
  })

  it('adds the default headers to every response, errors and OPTIONS included', async () => {
    for (const response of [
      await call('/api/v1/notes/1'),
      await call('/api/v1/notes/99'),
      await call('/api/v1/notes', { method: 'OPTIONS' }),
    ]) {
      expect(response.headers.get('x-served-by')).toBe('root')
    }
  })
})

describe('a mounted application in the OpenAPI document', () => {
  it('lists the mounted paths with their prefix, and the document is valid OpenAPI 3.1', async () => {
    const document = await expectValidOpenApi(
      generateOpenApi(composedApp(), { title: 'Composed', version: '1.0.0' }),
    )
    expect(Object.keys(document.paths)).toEqual([
      '/',
      '/api/v1',
      '/api/v1/notes/{id}',
      '/api/v1/notes',
      '/orgs/{org}/repos',
    ])
    const repos = document.paths['/orgs/{org}/repos']?.get
    expect(repos?.parameters).toEqual([expect.objectContaining({ name: 'org', in: 'path', required: true })])
    expect(document.paths['/api/v1/notes']?.post?.requestBody).toBeDefined()
  })

  it('documents each path with the error handlers of the application that serves it', async () => {
    const document = await expectValidOpenApi(
      generateOpenApi(composedApp(), { title: 'Composed', version: '1.0.0' }),
    )
    // The API's and the root's 404 handlers replace the body; the organisations' app has none.
    expect(document.paths['/api/v1/notes/{id}']?.get?.responses['404']?.content).toEqual({
      'application/json': { schema: {} },
    })
    expect(document.paths['/orgs/{org}/repos']?.get?.responses['404']?.content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/Error' } },
      'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
    })
  })
})

describe('start-up errors of a mounted application', () => {
  const startError = async (app: RestApplication<object, object>) => {
    try {
      await app.start()
    } catch (error) {
      return (error as Error).message
    }
    throw new Error('expected start() to fail')
  }

  it('names the mounted route with its full path when a dependency is missing', async () => {
    const app = new RestApplication()
    // @ts-expect-error the type system already knows: nothing named 'store' here
    app.mount('/api/v1', (api) => api.get('/notes', ({ store }: { store: unknown }) => store))
    expect(await startError(app)).toMatch(
      /^route GET \/api\/v1\/notes: 'the handler' needs 'store', but nothing named 'store' is registered/,
    )
  })

  it('names the route and the mount on a dependency cycle', async () => {
    // A cycle cannot be typed; declared names stand in for the two dependencies.
    const api = new RestApplication<{ a: unknown; b: unknown }>()
      .dependency('a', ({ b }) => b)
      .dependency('b', ({ a }) => a)
    api.get('/loop', ({ a }) => a)
    const app = new RestApplication().mount('/api', api)
    expect(await startError(app)).toMatch(
      /route GET \/api\/loop → mount\('\/api'\): dependency\('a'\): dependency cycle a → b → a/,
    )
  })

  it('does not let a mounted application see the parent request dependencies', async () => {
    const app = new RestApplication().dependency('currentUser', () => ({ id: '1' }))
    // @ts-expect-error the type system already knows: the parent's dependencies are not inherited
    app.mount('/api', (api) => api.get('/me', ({ currentUser }: { currentUser: unknown }) => currentUser))
    expect(await startError(app)).toContain("route GET /api/me: 'the handler' needs 'currentUser'")
  })

  it('refuses a name that shadows an inherited startup value, a startup value or server setting on a mounted application', async () => {
    const shadowing = new RestApplication().onStartup('store', () => 1)
    shadowing.mount('/api', (api) => api.dependency('store', () => 2))
    expect(await startError(shadowing)).toContain(
      "mount('/api'): 'store' is a startup value of the application it is mounted on",
    )
    const ownStartup = new RestApplication().mount(
      '/api',
      new RestApplication().onStartup('pool', () => 1),
    )
    expect(await startError(ownStartup)).toContain("mount('/api'): onStartup('pool') belongs on the root")
    const serverSetting = new RestApplication().mount('/api', new RestApplication({ trace: true }))
    expect(await startError(serverSetting)).toContain(
      "mount('/api'): 'trace' is a setting of the whole server",
    )
  })

  it('refuses a path served by both applications, and a malformed prefix at once', async () => {
    const app = new RestApplication()
    app.get('/api/x', () => 1)
    app.mount('/api', (api) => api.post('/x', () => 2))
    expect(await startError(app)).toContain(
      "mount('/api'): route POST /api/x is on a path the parent application serves too",
    )
    expect(() => new RestApplication().mount('/api/', new RestApplication())).toThrow(
      "mount('/api/'): a prefix starts with '/' and does not end with one",
    )
    expect(() => new RestApplication().mount('/api', 'nope' as never)).toThrow(
      'expected another RestApplication',
    )
  })
})
