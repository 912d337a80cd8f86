import { Forbidden, RestApplication, type RestApplicationOptions, Unauthorized } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

function traced(options: RestApplicationOptions = {}) {
  return new RestApplication({ trace: true, ...options })
}

const traceOf = (response: { headers: { get(name: string): string | null } }) =>
  response.headers.get('x-restmachine-trace')?.split(',') ?? []

describe('B13 Service available?', () => {
  it('answers 503 when the serviceAvailable callback says no', async () => {
    const app = traced({ serviceAvailable: () => false })
    app.get('/hello', () => 'hi')
    const response = await createTestClient(app).get('/hello')
    expect(response.status).toBe(503)
    expect(traceOf(response)).toEqual(['MESSAGE', 'B13'])
    expect(response.json()).toMatchObject({ error: 'Service Unavailable' })
  })

  it('runs the rest of the diagram when the service is available, asynchronously too', async () => {
    const app = traced({ serviceAvailable: async () => true })
    app.get('/hello', () => 'hi')
    const response = await createTestClient(app).get('/hello')
    expect(response.status).toBe(200)
    expect(traceOf(response)).toEqual(['MESSAGE', 'B13', 'B12', 'B11', 'ROUTE', 'B10', 'HANDLER'])
  })

  it('is skipped entirely when no callback is registered', async () => {
    const app = traced()
    app.get('/hello', () => 'hi')
    expect(traceOf(await createTestClient(app).get('/hello')).slice(0, 2)).toEqual(['MESSAGE', 'B12'])
  })
})

describe('B12 Known method?', () => {
  it('answers 501 for a method the server implements nowhere', async () => {
    const app = traced()
    app.get('/hello', () => 'hi')
    const response = await createTestClient(app).request('PROPFIND', '/hello')
    expect(response.status).toBe(501)
    expect(traceOf(response)).toEqual(['MESSAGE', 'B12'])
    expect(response.json()).toMatchObject({ error: 'Not Implemented' })
  })

  it('accepts extra methods declared in the options', async () => {
    const app = traced({ extraMethods: ['PURGE'] })
    app.route('PURGE', '/cache', () => ({ purged: true }))
    expect((await createTestClient(app).request('PURGE', '/cache')).status).toBe(200)
  })
})

describe('B11 URI too long?', () => {
  it('answers 414 when path and query exceed maxUriLength', async () => {
    const app = traced({ maxUriLength: 50 })
    app.get('/hello', () => 'hi')
    const response = await createTestClient(app).get(`/hello?q=${'x'.repeat(60)}`)
    expect(response.status).toBe(414)
    expect(traceOf(response)).toEqual(['MESSAGE', 'B12', 'B11'])
  })
})

describe('ROUTE Route matches path?', () => {
  it('answers 404 with a JSON error when no route matches', async () => {
    const app = traced()
    app.get('/hello', () => 'hi')
    const response = await createTestClient(app).get('/nowhere')
    expect(response.status).toBe(404)
    expect(traceOf(response)).toEqual(['MESSAGE', 'B12', 'B11', 'ROUTE', 'PATH'])
    expect(response.json()).toEqual({ error: 'Not Found', message: 'No resource matches this path' })
  })

  it('answers 400 when the path has invalid percent-encoding', async () => {
    const app = traced()
    app.get('/files/{name}', ({ name }) => name)
    const response = await createTestClient(app).get('/files/%E0%A4%A')
    expect(response.status).toBe(400)
    expect(response.json()).toEqual({
      error: 'Bad Request',
      message: 'The request path contains invalid percent-encoding',
    })
    expect(traceOf(response)).toEqual(['MESSAGE', 'B12', 'B11', 'ROUTE', 'PATH'])
  })
})

describe('B10 Method allowed?', () => {
  it('answers 405 with an Allow header listing exactly the route methods plus HEAD and OPTIONS', async () => {
    const app = traced()
    app.get('/documents', () => [])
    app.post('/documents', () => ({}))
    const response = await createTestClient(app).delete('/documents')
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST')
    expect(traceOf(response)).toEqual(['MESSAGE', 'B12', 'B11', 'ROUTE', 'B10'])
  })

  it('serves HEAD from the GET route with the same headers and no content', async () => {
    const app = traced()
    app.get('/hello', () => ({ hello: 'world' }))
    const client = createTestClient(app)
    const [get, head] = await Promise.all([client.get('/hello'), client.head('/hello')])
    expect(head.status).toBe(200)
    expect(head.text).toBe('')
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'))
  })
})

describe('B9 Malformed?', () => {
  it('answers 400 when the malformed callback says so', async () => {
    const app = traced({ malformed: (request) => request.headers.has('x-broken') })
    app.get('/hello', () => 'hi')
    const client = createTestClient(app)
    const response = await client.get('/hello', { headers: { 'x-broken': '1' } })
    expect(response.status).toBe(400)
    expect(traceOf(response)).toEqual(['MESSAGE', 'B12', 'B11', 'ROUTE', 'B10', 'B9'])
    expect((await client.get('/hello')).status).toBe(200)
  })
})

describe('B8 Authorized?', () => {
  const app = traced()
    .authorized('currentUser', ({ headers }) =>
      headers.get('authorization') === 'Bearer good' ? { id: '1' } : null,
    )
    .resourceExists('thing', ({ pathParams }) => (pathParams.id === '1' ? { id: '1' } : null))
  app.get('/things/{id}', ({ thing, currentUser }) => ({ thing, by: currentUser.id }))
  const client = createTestClient(app)

  it('answers 401 with a Bearer challenge when the authorized callback returns null', async () => {
    const response = await client.get('/things/1')
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe('Bearer')
    expect(traceOf(response)).toEqual(['MESSAGE', 'B12', 'B11', 'ROUTE', 'B10', 'B8'])
  })

  it('answers 401 before 404 so anonymous callers learn nothing about existence', async () => {
    expect((await client.get('/things/404')).status).toBe(401)
  })

  it('reaches the resource check once authenticated', async () => {
    const response = await client.get('/things/404', { headers: { authorization: 'Bearer good' } })
    expect(response.status).toBe(404)
    expect(traceOf(response)).toEqual(['MESSAGE', 'B12', 'B11', 'ROUTE', 'B10', 'B8', 'G7'])
  })

  it('resolves plain dependencies that throw Unauthorized before resources', async () => {
    const plain = traced()
      .dependency('user', ({ headers }) => {
        if (!headers.has('authorization')) throw new Unauthorized('Token required')
        return { id: '1' }
      })
      .resourceExists('thing', () => null)
    plain.get('/x', ({ thing, user }) => ({ thing, user }))
    const response = await createTestClient(plain).get('/x')
    expect(response.status).toBe(401)
    expect(response.json()).toEqual({ error: 'Unauthorized', message: 'Token required' })
  })
})

describe('B7 Forbidden?', () => {
  const app = traced()
    .dependency('role', ({ headers }) => headers.get('x-role') ?? 'user')
    .forbidden('adminOnly', ({ role }) => role === 'admin')
  app.get('/admin', ({ adminOnly }) => ({ ok: adminOnly }))
  const client = createTestClient(app)

  it('answers 403 when the forbidden callback returns false', async () => {
    const response = await client.get('/admin')
    expect(response.status).toBe(403)
    expect(traceOf(response)).toEqual(['MESSAGE', 'B12', 'B11', 'ROUTE', 'B10', 'B8', 'B7'])
  })

  it('injects the callback value when access is allowed', async () => {
    const response = await client.get('/admin', { headers: { 'x-role': 'admin' } })
    expect(response.json()).toEqual({ ok: true })
  })

  it('uses the message of a thrown Forbidden', async () => {
    const thrower = traced().forbidden('check', () => {
      throw new Forbidden('Admin access required')
    })
    thrower.get('/x', ({ check }) => check)
    const response = await createTestClient(thrower).get('/x')
    expect(response.json()).toEqual({ error: 'Forbidden', message: 'Admin access required' })
  })
})

describe('B3 OPTIONS?', () => {
  it('answers OPTIONS with 204 and Allow without running handlers or authentication', async () => {
    let ran = false
    const app = traced().authorized('user', () => null)
    app.get('/documents/{id}', ({ user }) => {
      ran = true
      return user
    })
    app.put('/documents/{id}', ({ user }) => user)
    const response = await createTestClient(app).options('/documents/1')
    expect(response.status).toBe(204)
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS, PUT')
    expect(response.text).toBe('')
    expect(traceOf(response)).toEqual(['MESSAGE', 'B12', 'B11', 'ROUTE', 'B10', 'B3'])
    expect(ran).toBe(false)
  })
})

describe('G7 Resource exists?', () => {
  it('answers 404 when resourceExists returns undefined and never runs the handler', async () => {
    let ran = false
    const app = traced().resourceExists('post', ({ pathParams }) =>
      pathParams.id === '1' ? { id: '1' } : undefined,
    )
    app.get('/posts/{id}', ({ post }) => {
      ran = true
      return post
    })
    const client = createTestClient(app)
    const missing = await client.get('/posts/2')
    expect(missing.status).toBe(404)
    expect(missing.json()).toEqual({ error: 'Not Found', message: 'Resource not found' })
    expect(traceOf(missing)).toEqual(['MESSAGE', 'B12', 'B11', 'ROUTE', 'B10', 'G7'])
    expect(ran).toBe(false)
    expect((await client.get('/posts/1')).json()).toEqual({ id: '1' })
  })
})

describe('B4 Content too large?', () => {
  it('answers 413 from a declared Content-Length over the limit, and closes the connection', async () => {
    const app = traced({ bodyLimit: 10 })
    app.post('/items', ({ jsonBody }) => jsonBody)
    const response = await createTestClient(app).post('/items', { json: { much: 'too long for ten bytes' } })
    expect(response.status).toBe(413)
    expect(response.headers.get('connection')).toBe('close')
    expect(traceOf(response)).toContain('B4')
  })

  it('answers 413 when content without a declared length grows past the limit', async () => {
    const app = traced()
    app.post('/raw', ({ body }) => ({ size: body.byteLength }), { bodyLimit: 4 })
    const client = createTestClient(app)
    const response = await client.post('/raw', { body: 'abcdefgh', headers: { 'content-length': '1' } })
    expect(response.status).toBe(413)
    expect((await client.post('/raw', { body: 'abc' })).json()).toEqual({ size: 3 })
  })
})

describe('B5 Known content type?', () => {
  const app = traced()
  app.post('/items', ({ jsonBody }) => jsonBody)
  const client = createTestClient(app)

  it('answers 415 when a JSON route receives another media type', async () => {
    const response = await client.post('/items', { body: 'a=1', headers: { 'content-type': 'text/plain' } })
    expect(response.status).toBe(415)
    expect(traceOf(response)).toEqual(['MESSAGE', 'B12', 'B11', 'ROUTE', 'B10', 'B4', 'B5'])
  })

  it('answers 415 when the content type is missing', async () => {
    expect((await client.post('/items', { body: '{}' })).status).toBe(415)
  })

  it('accepts JSON with parameters and +json suffixes', async () => {
    const charset = await client.post('/items', {
      body: '{"a":1}',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    })
    const suffix = await client.post('/items', {
      body: '{"a":2}',
      headers: { 'content-type': 'application/merge-patch+json' },
    })
    expect([charset.status, suffix.status]).toEqual([200, 200])
  })
})

describe('B6 Valid content headers?', () => {
  it('answers 415 for a content coding the server does not understand', async () => {
    const app = traced()
    app.post('/items', ({ jsonBody }) => jsonBody)
    const response = await createTestClient(app).post('/items', {
      json: { a: 1 },
      headers: { 'content-encoding': 'gzip' },
    })
    expect(response.status).toBe(415)
    expect(traceOf(response).at(-1)).toBe('B6')
  })
})

describe('INPUT Input valid?', () => {
  const app = traced().validates('item', z.object({ name: z.string().min(1), price: z.number().positive() }))
  app.post('/items', ({ item }) => item)
  const client = createTestClient(app)

  it('answers 400 for malformed JSON', async () => {
    const response = await client.post('/items', {
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    })
    expect(response.status).toBe(400)
    expect(response.json()).toEqual({ error: 'Bad Request', message: 'Request body is not valid JSON' })
    expect(traceOf(response).at(-1)).toBe('INPUT')
  })

  it('answers 422 with one detail per failing field', async () => {
    const response = await client.post('/items', { json: { name: '', price: -1 } })
    expect(response.status).toBe(422)
    const body = response.json<{ details: { loc: string[] }[] }>()
    expect(body.details.map((d) => d.loc)).toEqual([['name'], ['price']])
  })

  it('runs the handler with the validated value', async () => {
    const response = await client.post('/items', { json: { name: 'pen', price: 2, extra: true } })
    expect(response.json()).toEqual({ name: 'pen', price: 2 })
    expect(traceOf(response)).toEqual([
      'MESSAGE',
      'B12',
      'B11',
      'ROUTE',
      'B10',
      'B4',
      'B5',
      'B6',
      'INPUT',
      'HANDLER',
    ])
  })
})
