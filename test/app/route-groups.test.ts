import { RestApplication } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

function guardedApp() {
  return new RestApplication()
    .authorized('operator', ({ headers }) => headers.get('authorization') === 'Bearer ok' || null)
    .forbidden('auditor', ({ headers }) => headers.get('x-role') === 'auditor')
}

describe('route groups', () => {
  it('prefix their routes, nest, and serve the group root at the prefix itself', async () => {
    const app = new RestApplication()
    app.group({ prefix: '/users/{userId}' }, (users) => {
      users.get('/', ({ userId }) => ({ userId }))
      users.group({ prefix: '/posts' }, (posts) => {
        posts.get('/{postId}', ({ userId, postId }) => ({ userId, postId }))
      })
    })
    const client = createTestClient(app)
    expect((await client.get('/users/7')).json()).toEqual({ userId: '7' })
    expect((await client.get('/users/7/posts/3')).json()).toEqual({ userId: '7', postId: '3' })
    expect(app.describe().paths.map((path) => path.template.source)).toEqual([
      '/users/{userId}',
      '/users/{userId}/posts/{postId}',
    ])
  })

  it('make every route resolve the group’s requires before its own', async () => {
    const app = guardedApp()
    app.group({ requires: ['operator'] }, (group) => {
      group.get('/stats', () => 'stats')
      group.get('/audit', () => 'audit', { requires: ['auditor'] })
    })
    const client = createTestClient(app)
    expect((await client.get('/stats')).status).toBe(401)
    expect((await client.get('/stats', { headers: { authorization: 'Bearer ok' } })).status).toBe(200)
    expect((await client.get('/audit', { headers: { authorization: 'Bearer ok' } })).status).toBe(403)
    expect((await client.get('/audit', { headers: { 'x-role': 'auditor' } })).status).toBe(401)
  })

  it('share CORS and security headers, a route’s own setting winning', async () => {
    const app = new RestApplication()
    app.group(
      { cors: { origins: ['https://a.example'] }, securityHeaders: { frameOptions: 'SAMEORIGIN' } },
      (group) => {
        group.get('/shared', () => 'x')
        group.get('/own', () => 'x', { cors: false, securityHeaders: false })
      },
    )
    app.get('/outside', () => 'x')
    const client = createTestClient(app)
    const origin = { origin: 'https://a.example' }
    const shared = await client.get('/shared', { headers: origin })
    expect(shared.headers.get('access-control-allow-origin')).toBe('https://a.example')
    expect(shared.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    const own = await client.get('/own', { headers: origin })
    expect(own.headers.get('access-control-allow-origin')).toBeNull()
    expect(own.headers.get('x-frame-options')).toBeNull()
    const outside = await client.get('/outside', { headers: origin })
    expect(outside.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('put the group’s tags first on every operation, once', () => {
    const app = new RestApplication()
    app.group({ tags: ['admin'] }, (group) => {
      group.get('/a', () => 'a')
      group.get('/b', () => 'b', { openapi: { tags: ['admin', 'reports'] } })
    })
    const document = app.openapi({ title: 'T', version: '1' })
    expect(document.paths['/a']?.get?.tags).toEqual(['admin'])
    expect(document.paths['/b']?.get?.tags).toEqual(['admin', 'reports'])
  })

  it('refuse a prefix that does not start with a slash or ends with one', () => {
    const app = new RestApplication()
    expect(() => app.group({ prefix: 'admin' }, () => {})).toThrow(
      "group({ prefix: 'admin' }): a prefix starts with '/' and does not end with one",
    )
    expect(() => app.group({ prefix: '/admin/' }, () => {})).toThrow('does not end with one')
  })

  it('refuse an option a group would ignore, naming it and the options a group takes', () => {
    const app = new RestApplication()
    // Untyped callers (JavaScript, or options spread from a route's) reach this at run time.
    const options = { prefix: '/reports', provides: ['text/csv'] } as { prefix: '/reports' }
    expect(() => app.group(options, () => {})).toThrow(
      "group({ prefix: '/reports' }): 'provides' is not a group option (a group takes prefix, requires, cors, securityHeaders, tags); set it on each route",
    )
    expect(app.describe().routes).toHaveLength(0)
  })
})

describe('formats across a mount', () => {
  it('lets a mounted application use the parent’s renderers and body parsers, its own first', async () => {
    const yaml = {
      mediaTypes: ['application/yaml'],
      parse: (bytes: Uint8Array) => ({ yaml: new TextDecoder().decode(bytes) }),
    }
    const app = new RestApplication({ provides: ['application/yaml'], accepts: ['application/yaml'] })
      .renderer('application/yaml', (value) => `parent: ${JSON.stringify(value)}`)
      .bodyParser(yaml)
    app.mount('/parent', (child) => child.post('/echo', ({ parsedBody }) => parsedBody))
    app.mount('/own', (child) =>
      child.renderer('application/yaml', (value) => `own: ${JSON.stringify(value)}`).get('/x', () => 1),
    )
    const client = createTestClient(app)
    const echoed = await client.post('/parent/echo', {
      headers: { 'content-type': 'application/yaml' },
      body: 'a: 1',
    })
    expect(echoed.text).toBe('parent: {"yaml":"a: 1"}')
    expect((await client.get('/own/x')).text).toBe('own: 1')
  })
})

describe('registering on a mounted application', () => {
  it('drops the parent’s compile, so describe() sees a route added after it', () => {
    const app = new RestApplication()
    const api = new RestApplication()
    app.mount('/api', api)
    expect(app.describe().paths).toHaveLength(0)
    api.get('/later', () => 1)
    expect(app.describe().paths.map((path) => path.template.source)).toEqual(['/api/later'])
  })

  it('is refused once the parent has started', async () => {
    const app = new RestApplication()
    const api = new RestApplication()
    app.mount('/api', api)
    await app.start()
    expect(() => api.get('/late', () => 1)).toThrow('the application has already started')
  })

  it('refuses mounting an application on itself or on one mounted in it', () => {
    const app = new RestApplication()
    const api = new RestApplication()
    app.mount('/api', api)
    expect(() => app.mount('/self', app)).toThrow('cannot be mounted on itself')
    expect(() => api.mount('/loop', app)).toThrow('cannot be mounted on itself')
  })
})
