import { describe, expect, it } from 'vitest'
import { RestApplication, Unauthorized } from '../../src/index.js'
import { documentOf, statusesOf } from './support.js'

const post = { id: '1', version: 2, updated: '2024-01-01T00:00:00Z' }

describe('statuses derived from the dependency graph', () => {
  it('documents 401, a security requirement and WWW-Authenticate for routes that depend on authorized', async () => {
    const app = new RestApplication({ authenticationChallenge: 'Basic realm="api"' })
      .authorized('user', ({ headers }) => headers.get('authorization'))
      .dependency('greeting', ({ user }) => `hello ${user}`)
    app.get('/me', ({ greeting }) => ({ greeting }))
    app.get('/public', () => ({ ok: true }))
    const document = await documentOf(app)
    expect(statusesOf(document, 'get', '/me')).toEqual(['200', '401', 'default'])
    expect(document.paths['/me']?.get?.security).toEqual([{ user: [] }])
    expect(document.components.securitySchemes).toEqual({ user: { type: 'http', scheme: 'basic' } })
    expect(
      document.paths['/me']?.get?.responses['401']?.headers?.['WWW-Authenticate']?.description,
    ).toContain('Basic realm="api"')
    expect(statusesOf(document, 'get', '/public')).toEqual(['200', 'default'])
    expect(document.paths['/public']?.get?.security).toEqual([])
  })

  it('documents 401 for a plain dependency only when it is declared to throw Unauthorized', async () => {
    const app = new RestApplication().dependency('token', ({ headers }) => {
      const value = headers.get('authorization')
      if (value === null) throw new Unauthorized()
      return value
    })
    app.get('/secret', ({ token }) => ({ token }))
    expect(statusesOf(await documentOf(app), 'get', '/secret')).toEqual(['200', 'default'])
    const declared = await documentOf(app, {
      dependencies: { token: { security: { type: 'apiKey', in: 'header', name: 'Authorization' } } },
    })
    expect(statusesOf(declared, 'get', '/secret')).toEqual(['200', '401', 'default'])
    expect(declared.components.securitySchemes?.token).toEqual({
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
    })
  })

  it('documents 403 from forbidden callbacks, also those that need the resource', async () => {
    const app = new RestApplication()
      .resourceExists('post', ({ pathParams }) => (pathParams.id === '1' ? post : undefined))
      .forbidden('editable', ({ post }) => post.version > 1)
    app.get('/posts/{id}', ({ post }) => post)
    app.delete('/posts/{id}', () => undefined, { requires: ['editable'] })
    const document = await documentOf(app)
    expect(statusesOf(document, 'get', '/posts/{id}')).toEqual(['200', '404', 'default'])
    expect(statusesOf(document, 'delete', '/posts/{id}')).toEqual(['204', '403', '404', 'default'])
  })

  it('documents 410, 301 and 307 from the resource’s history and 404 only where it can still happen', async () => {
    const app = new RestApplication()
      .resourceExists('gone', () => undefined, { previouslyExisted: () => true })
      .resourceExists('moved', () => undefined, {
        movedPermanently: () => '/new',
        movedTemporarily: () => '/tmp',
      })
    app.get('/gone', ({ gone }) => gone)
    app.get('/moved', ({ moved }) => moved)
    const document = await documentOf(app)
    expect(statusesOf(document, 'get', '/gone')).toEqual(['200', '404', '410', 'default'])
    expect(statusesOf(document, 'get', '/moved')).toEqual(['200', '301', '307', '410', 'default'])
    expect(document.paths['/moved']?.get?.responses['301']?.headers?.Location?.required).toBe(true)
    expect(document.paths['/moved']?.get?.responses['301']?.content).toBeUndefined()
  })

  it('documents 304 for reads and 412 for writes from Last-Modified alone', async () => {
    const app = new RestApplication().resourceExists('post', () => post, {
      lastModified: ({ post }) => post.updated,
    })
    app.get('/post', ({ post }) => post, { cacheControl: 'max-age=60' })
    app.patch('/post', ({ post }) => post)
    const document = await documentOf(app)
    expect(statusesOf(document, 'get', '/post')).toEqual(['200', '304', '404', '412', 'default'])
    expect(statusesOf(document, 'patch', '/post')).toEqual(['200', '404', '412', '413', 'default'])
    expect(document.paths['/post']?.get?.parameters?.map((p) => p.name)).toEqual([
      'If-Unmodified-Since',
      'If-Modified-Since',
    ])
    expect(document.paths['/post']?.patch?.parameters?.map((p) => p.name)).toEqual(['If-Unmodified-Since'])
    const ok = document.paths['/post']?.get?.responses['200']?.headers
    expect(ok?.['Cache-Control']?.schema).toEqual({ type: 'string', const: 'max-age=60' })
    expect(ok?.ETag).toBeUndefined()
  })

  it('documents 409 from a conflict callback', async () => {
    const app = new RestApplication().resourceExists('post', () => post)
    app.put('/post', ({ post }) => post, { conflict: ({ post }) => post.version > 5 })
    expect(statusesOf(await documentOf(app), 'put', '/post')).toEqual(['200', '404', '409', '413', 'default'])
  })

  it('documents the create branch of a PUT: 412 from If-Match (H7), 409 from a conflict (P3), no 404', async () => {
    const app = new RestApplication().resourceExists('post', () => undefined as typeof post | undefined)
    app.put('/posts/{id}', ({ post }) => post ?? {}, { creates: 'post', conflict: () => false })
    const document = await documentOf(app)
    expect(statusesOf(document, 'put', '/posts/{id}')).toEqual(['200', '201', '409', '412', '413', 'default'])
    const text = JSON.stringify(document.paths['/posts/{id}']?.put?.responses)
    expect(text).toContain('If-Match on a resource that does not exist yet (H7)')
    expect(text).toContain('found a conflict (P3)')
  })

  it('documents 406 from declared languages and charsets, and the headers negotiation adds', async () => {
    const app = new RestApplication()
    app.get('/hello', () => 'hi', {
      provides: ['text/plain', 'text/html'],
      languages: ['en', 'de'],
      charsets: ['utf-8'],
    })
    const document = await documentOf(app)
    const responses = document.paths['/hello']?.get?.responses
    expect(responses?.['406']?.description).toMatch(
      /Accept \(C4\).*Accept-Language \(D5\).*Accept-Charset \(E6\)/,
    )
    expect(responses?.['200']?.headers?.['Content-Language']?.schema).toEqual({
      type: 'string',
      enum: ['en', 'de'],
    })
    // One charset is no choice, so Accept-Charset is not in Vary (but E6 still answers 406).
    expect(responses?.['200']?.headers?.Vary?.description).toContain('by: Accept, Accept-Language.')
    expect(responses?.['200']?.content).toEqual({
      'text/plain': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string' } },
    })
  })

  it('documents the 406 of F7 and Vary: Accept-Encoding only on routes that compress', async () => {
    const app = new RestApplication({ compression: true })
    app.get('/doc', () => ({ big: true }))
    app.get('/raw', () => ({ big: true }), { compression: false })
    const document = await documentOf(app)
    const responses = document.paths['/doc']?.get?.responses
    expect(responses?.['406']?.description).toContain('refuses identity and every offered coding (F7)')
    expect(responses?.['200']?.headers?.Vary?.description).toContain('by: Accept-Encoding.')
    expect(statusesOf(document, 'get', '/raw')).toEqual(['200', 'default'])
  })

  it('documents 503 and 400 on every operation when the app checks availability and malformed requests', async () => {
    const app = new RestApplication({ serviceAvailable: () => true, malformed: () => false })
    app.get('/a', () => ({}))
    app.post('/b', () => ({}))
    const document = await documentOf(app)
    expect(statusesOf(document, 'get', '/a')).toEqual(['200', '400', '503', 'default'])
    expect(statusesOf(document, 'post', '/b')).toEqual(['200', '201', '400', '413', '503', 'default'])
  })

  it('adds the statuses a dependency is declared to throw to every route that uses it', async () => {
    const app = new RestApplication().dependency('quota', () => true)
    app.get('/limited', () => ({}), { requires: ['quota'] })
    app.get('/free', () => ({}))
    const document = await documentOf(app, { dependencies: { quota: { responses: [429] } } })
    expect(statusesOf(document, 'get', '/limited')).toEqual(['200', '429', 'default'])
    expect(document.paths['/limited']?.get?.responses['429']?.description).toContain("'quota'")
    expect(statusesOf(document, 'get', '/free')).toEqual(['200', 'default'])
  })

  it('documents a body read by content type with the media types the route accepts', async () => {
    const app = new RestApplication()
    app.post('/upload', ({ parsedBody }) => ({ parsedBody }), {
      accepts: ['multipart/form-data', 'application/x-www-form-urlencoded'],
      bodyLimit: 1000,
    })
    app.put('/raw', ({ body }) => ({ size: body }))
    app.post('/json', ({ jsonBody }) => ({ jsonBody }))
    const document = await documentOf(app)
    const upload = document.paths['/upload']?.post
    expect(Object.keys(upload?.requestBody?.content ?? {})).toEqual([
      'multipart/form-data',
      'application/x-www-form-urlencoded',
    ])
    expect(upload?.responses['413']?.description).toContain('1000 bytes')
    expect(statusesOf(document, 'post', '/upload')).toEqual(['200', '201', '400', '413', '415', 'default'])
    expect(document.paths['/raw']?.put?.requestBody).toEqual({ required: false, content: { '*/*': {} } })
    expect(statusesOf(document, 'put', '/raw')).toEqual(['200', '413', '415', 'default'])
    expect(document.paths['/json']?.post?.requestBody?.content).toEqual({
      'application/json': { schema: {} },
    })
  })

  it('documents a POST that reads no content with 413 only, since Content-Length is still checked', async () => {
    const app = new RestApplication()
    app.post('/ping', () => ({ pong: true }))
    const document = await documentOf(app)
    expect(document.paths['/ping']?.post?.requestBody).toBeUndefined()
    expect(statusesOf(document, 'post', '/ping')).toEqual(['200', '201', '413', 'default'])
  })
})
