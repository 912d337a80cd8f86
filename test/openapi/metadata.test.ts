import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ConfigurationError, RestApplication } from '../../src/index.js'
import { generateOpenApi } from '../../src/openapi/index.js'
import { words } from '../../src/openapi/operation-text.js'
import { documentOf, statusesOf } from './support.js'

const info = { title: 'Test API', version: '1.0.0' }

describe('summaries and descriptions derived when the author gives none', () => {
  it('turns a named handler into the summary, its HEAD marked as headers only', async () => {
    const app = new RestApplication()
    app.get('/documents', function listDocuments() {
      return []
    })
    const document = await documentOf(app)
    expect(document.paths['/documents']?.get?.summary).toBe('List documents')
    expect(document.paths['/documents']?.head?.summary).toBe('List documents (headers only)')
  })

  it('names the resource the plan loads, and says a creating PUT creates', async () => {
    const app = new RestApplication().resourceExists('blogPost', () => ({ id: '1' }))
    app.get('/posts/{id}', ({ blogPost }) => blogPost)
    app.put('/posts/{id}', ({ blogPost }) => blogPost ?? {}, { creates: 'blogPost' })
    app.patch('/posts/{id}', ({ blogPost }) => blogPost)
    app.delete('/posts/{id}', ({ blogPost }) => void blogPost)
    const item = (await documentOf(app)).paths['/posts/{id}']
    expect(item?.get?.summary).toBe('Get blog post')
    expect(item?.put?.summary).toBe('Create or replace blog post')
    expect(item?.patch?.summary).toBe('Update blog post')
    expect(item?.delete?.summary).toBe('Delete blog post')
  })

  it('falls back to the words of the path, parameters included', async () => {
    const app = new RestApplication()
    app.post('/login', () => ({}))
    app.get('/admin/users', () => [])
    app.get('/files/{file_name}', ({ file_name }) => file_name)
    app.get('/', () => ({}))
    const paths = (await documentOf(app)).paths
    expect(paths['/login']?.post?.summary).toBe('Post to login')
    expect(paths['/admin/users']?.get?.summary).toBe('Get admin users')
    expect(paths['/files/{file_name}']?.get?.summary).toBe('Get files by file name')
    expect(paths['/']?.get?.summary).toBe('Get root')
  })

  it('describes what the machine checks before the handler runs', async () => {
    const app = new RestApplication()
      .authorized('token', () => 't')
      .forbidden('isAdmin', () => true)
      .resourceExists('doc', () => ({}), { etag: () => '"1"' })
      .validates('edit', z.object({ title: z.string() }))
    app.put('/docs/{id}', ({ doc, edit }) => ({ ...doc, ...edit }), { requires: ['token', 'isAdmin'] })
    app.get('/open', () => ({}))
    const document = await documentOf(app)
    expect(document.paths['/docs/{id}']?.put?.description).toBe(
      'Requires credentials: `token`. Access is checked by `isAdmin`. Acts on `doc`. Input is validated by `edit`. Conditional requests are answered before the handler runs.',
    )
    expect(document.paths['/open']?.get?.description).toBe('Public: needs no credentials.')
  })

  it('splits identifiers into words', () => {
    expect(words('listDocuments')).toBe('list documents')
    expect(words('post_id')).toBe('post id')
    expect(words('getHTTPStatus2')).toBe('get http status 2')
  })
})

describe('what the author documents on the route', () => {
  it('takes summary, description, tags and responses from the route’s openapi option', async () => {
    const Doc = z.object({ id: z.string() }).meta({ title: 'Doc' })
    const app = new RestApplication()
    app.post('/docs', () => ({ id: '1' }), {
      openapi: {
        summary: 'Create a doc',
        description: 'Stores it.',
        tags: ['docs'],
        responses: { 201: { schema: Doc } },
      },
    })
    const document = await documentOf(app)
    const post = document.paths['/docs']?.post
    expect(post).toMatchObject({ summary: 'Create a doc', description: 'Stores it.', tags: ['docs'] })
    // The author states the success statuses, so the guessed 200 of a POST goes; the schema keeps its title.
    expect(statusesOf(document, 'post', '/docs')).toEqual(['201', '413', 'default'])
    expect(post?.responses['201']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/Doc',
    })
  })

  it('lets the generator’s operations replace the route’s fields one by one', async () => {
    const app = new RestApplication()
    app.get('/a', () => ({}), { openapi: { summary: 'Route summary', description: 'Route description' } })
    const document = await documentOf(app, { operations: { 'GET /a': { summary: 'Given summary' } } })
    expect(document.paths['/a']?.get).toMatchObject({
      summary: 'Given summary',
      description: 'Route description',
    })
    expect(document.paths['/a']?.head?.summary).toBe('Given summary')
  })

  it('refuses an operationId given to two operations', () => {
    const app = new RestApplication()
    app.get('/a', () => ({}), { openapi: { operationId: 'same' } })
    app.get('/b', () => ({}), { openapi: { operationId: 'same' } })
    expect(() => generateOpenApi(app, info)).toThrow(ConfigurationError)
    expect(() => generateOpenApi(app, info)).toThrow(
      /operationId 'same' is given to both GET \/a and GET \/b/,
    )
  })
})

describe('tags, security, servers and info', () => {
  it('lists the declared tags first, then every other tag used, described by its paths', async () => {
    const app = new RestApplication()
    app.get('/posts', () => [])
    app.get('/posts/{id}', () => ({}))
    app.get('/health', () => ({}), { openapi: { tags: ['ops'] } })
    app.get('/', () => ({}))
    const document = await documentOf(app, {
      tags: [{ name: 'ops', description: 'Operations.' }],
    })
    expect(document.tags).toEqual([
      { name: 'ops', description: 'Operations.' },
      { name: 'posts', description: 'Operations on `/posts`, `/posts/{id}`.' },
      { name: 'default', description: 'Operations on `/`.' },
    ])
  })

  it('refuses a route tag missing from the declared tags, as a misspelling', () => {
    const app = new RestApplication()
    app.get('/health', () => ({}), { openapi: { tags: ['opps'] } })
    expect(() =>
      generateOpenApi(app, { ...info, tags: [{ name: 'ops', description: 'Operations.' }] }),
    ).toThrow(/GET \/health has the tag 'opps', which is not in tags \(ops\)/)
  })

  it('states security on every operation: [] for public ones, {} beside optional credentials', async () => {
    const app = new RestApplication()
      .authorized('token', () => 't')
      .dependency('maybeToken', () => null, {
        openapi: { security: { type: 'http', scheme: 'bearer' }, optional: true },
      })
    app.get('/private', ({ token }) => token)
    app.get('/public', () => ({}))
    app.get('/mixed', ({ maybeToken }) => maybeToken)
    const paths = (await documentOf(app)).paths
    expect(paths['/private']?.get?.security).toEqual([{ token: [] }])
    expect(paths['/public']?.get?.security).toEqual([])
    expect(paths['/mixed']?.get?.security).toEqual([{}, { maybeToken: [] }])
    expect(paths['/mixed']?.get?.description).toContain('Credentials are optional (`maybeToken`)')
  })

  it('copies licence and contact, and says the default server out loud', async () => {
    const app = new RestApplication()
    app.get('/', () => ({}))
    const document = await documentOf(app, {
      summary: 'One line.',
      license: { name: 'MIT', identifier: 'MIT' },
      contact: { name: 'Team', email: 'team@example.org' },
      termsOfService: 'https://example.org/terms',
    })
    expect(document.info).toEqual({
      title: 'Test API',
      version: '1.0.0',
      summary: 'One line.',
      termsOfService: 'https://example.org/terms',
      contact: { name: 'Team', email: 'team@example.org' },
      license: { name: 'MIT', identifier: 'MIT' },
    })
    expect(document.servers).toEqual([{ url: '/' }])
  })

  it('documents the bodies error handlers answer once, for every operation that lists the status', async () => {
    const Denied = z.object({ reason: z.string() }).meta({ title: 'Denied' })
    const app = new RestApplication().authorized('token', () => 't')
    app.get('/a', ({ token }) => token)
    app.get('/b', ({ token }) => token, {
      openapi: { responses: { 401: { schema: z.object({ b: z.string() }) } } },
    })
    app.errorHandler(401, () => ({ reason: 'no' }))
    const document = await documentOf(app, { errorBodies: { 401: Denied } })
    const denied = { $ref: '#/components/schemas/Denied' }
    expect(document.paths['/a']?.get?.responses['401']?.content).toEqual({
      'application/json': { schema: denied },
    })
    expect(document.paths['/b']?.get?.responses['401']?.content?.['application/json']?.schema).not.toEqual(
      denied,
    )
  })

  it('refuses an error body for a status no error handler answers', () => {
    const app = new RestApplication()
    app.get('/a', () => ({}))
    app.errorHandler(401, () => ({}))
    expect(() => generateOpenApi(app, { ...info, errorBodies: { 403: { type: 'object' } } })).toThrow(
      /errorBodies\[403\] documents a status no errorHandler answers/,
    )
  })

  it('keeps only the shared schemas something refers to', async () => {
    const app = new RestApplication()
    app.get('/', () => ({}))
    app.errorHandler(({ status }) => ({ status }))
    const document = await documentOf(app)
    expect(document.components.schemas).toEqual({})
  })
})
