import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ConfigurationError, RestApplication } from '../../src/index.js'
import { generateOpenApi } from '../../src/openapi/index.js'
import { documentOf, statusesOf } from './support.js'

describe('paths and operations', () => {
  it('turns templates into OpenAPI paths with required string parameters, a wildcard allowed to hold /', async () => {
    const app = new RestApplication()
    app.get('/users/{user_id}/files/{rest:path}', ({ user_id, rest }) => ({ user_id, rest }))
    const document = await documentOf(app)
    const get = document.paths['/users/{user_id}/files/{rest}']?.get
    expect(get?.parameters).toEqual([
      { name: 'user_id', in: 'path', required: true, schema: { type: 'string' } },
      {
        name: 'rest',
        in: 'path',
        required: true,
        description: 'The rest of the path; it may contain `/`.',
        schema: { type: 'string' },
      },
    ])
    expect(get?.operationId).toBe('getUsersByUser_idFilesByRest')
    expect(get?.tags).toEqual(['users'])
  })

  it('documents every template, also a wildcard that parameter templates shadow', async () => {
    const app = new RestApplication()
    app.get('/files/{name}', ({ name }) => ({ name }))
    app.get('/files/{dir}/{name}', ({ dir, name }) => ({ dir, name }))
    app.get('/files/{rest:path}', ({ rest }) => ({ rest }))
    app.get('/files/latest', () => ({ latest: true }))
    const document = await documentOf(app)
    expect(Object.keys(document.paths)).toEqual([
      '/files/{name}',
      '/files/{dir}/{name}',
      '/files/{rest}',
      '/files/latest',
    ])
    expect(document.paths['/files/{rest}']?.get?.parameters?.[0]?.name).toBe('rest')
  })

  it('adds HEAD beside every GET, and no HEAD where there is no GET', async () => {
    const app = new RestApplication()
    app.get('/a', () => ({}))
    app.post('/b', () => ({}))
    const document = await documentOf(app)
    expect(Object.keys(document.paths['/a'] ?? {})).toEqual(['description', 'get', 'head'])
    expect(Object.keys(document.paths['/b'] ?? {})).toEqual(['description', 'post'])
    expect(document.paths['/a']?.head?.description).toContain('Served by the GET route')
  })

  it('lists the automatic OPTIONS operation only when asked, and registered OPTIONS routes always', async () => {
    const app = new RestApplication().authorized('user', () => 'u')
    app.get('/a', ({ user }) => ({ user }))
    app.options('/b', () => ({ methods: ['OPTIONS'] }))
    const plain = await documentOf(app)
    expect(plain.paths['/a']?.options).toBeUndefined()
    expect(plain.paths['/a']?.description).toContain('OPTIONS → 204')
    expect(statusesOf(plain, 'options', '/b')).toEqual(['200', 'default'])
    const listed = await documentOf(app, { automaticOptions: true })
    const options = listed.paths['/a']?.options
    expect(Object.keys(options?.responses ?? {})).toEqual(['204', 'default'])
    expect(options?.security).toEqual([])
  })

  it('names methods OpenAPI 3.1 cannot express in the path description instead of dropping them silently', async () => {
    const app = new RestApplication({ extraMethods: ['PROPFIND'] })
    app.route('PROPFIND', '/dav', () => ({}))
    app.get('/dav', () => ({}))
    const document = await documentOf(app)
    expect(document.paths['/dav']?.description).toContain('Also serves PROPFIND')
    expect(Object.keys(document.paths['/dav'] ?? {})).toEqual(['description', 'get', 'head'])
  })

  it('merges what the author documents into the derived operation', async () => {
    const Document = z.object({ id: z.string(), title: z.string() })
    const app = new RestApplication().resourceExists('doc', () => ({ id: '1', title: 't' }))
    app.get('/docs/{id}', ({ doc }) => doc)
    app.post('/docs/{id}/publish', () => null)
    const document = await documentOf(app, {
      operations: {
        'GET /docs/{id}': {
          summary: 'Read a document',
          description: 'Everything about one document.',
          tags: ['documents'],
          operationId: 'readDocument',
          responses: { 200: { schema: Document } },
        },
        'POST /docs/{id}/publish': { deprecated: true, responses: { 202: { description: 'Queued' } } },
      },
    })
    const get = document.paths['/docs/{id}']?.get
    expect(get).toMatchObject({
      summary: 'Read a document',
      tags: ['documents'],
      operationId: 'readDocument',
    })
    expect(get?.description).toContain('Everything about one document.')
    expect(get?.responses['200']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/readDocument200',
    })
    expect(document.components.schemas.readDocument200).toMatchObject({ required: ['id', 'title'] })
    const head = document.paths['/docs/{id}']?.head
    expect(head?.summary).toBe('Read a document')
    expect(head?.operationId).toBe('headDocsById')
    const publish = document.paths['/docs/{id}/publish']?.post
    expect(publish?.deprecated).toBe(true)
    expect(publish?.responses['202']).toEqual({
      description: 'Queued',
      content: { 'application/json': { schema: {} } },
    })
  })

  it('documents error bodies as problem details only when the application sends them always', async () => {
    const app = new RestApplication({ problemDetails: true }).resourceExists('x', () => undefined)
    app.get('/x', ({ x }) => x)
    const document = await documentOf(app)
    expect(document.paths['/x']?.get?.responses['404']?.content).toEqual({
      'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
    })
  })

  it('leaves every error body open when a fallback error handler replaces them', async () => {
    const app = new RestApplication().resourceExists('x', () => undefined)
    app.get('/x', ({ x }) => x)
    app.errorHandler(({ status }) => `failed with ${status}`)
    const document = await documentOf(app)
    expect(document.paths['/x']?.get?.responses['404']?.content).toEqual({
      'application/json': { schema: {} },
    })
    expect(document.paths['/x']?.get?.responses.default?.content).toEqual({
      'application/json': { schema: {} },
    })
  })

  it('copies info and servers into the document', async () => {
    const app = new RestApplication()
    app.get('/', () => ({}))
    const document = await documentOf(app, {
      title: 'Root',
      version: '2.0.0',
      description: 'The root API.',
      servers: [{ url: 'https://api.example.com', description: 'production' }],
    })
    expect(document.info).toEqual({ title: 'Root', version: '2.0.0', description: 'The root API.' })
    expect(document.servers).toEqual([{ url: 'https://api.example.com', description: 'production' }])
    expect(document.paths['/']?.get?.operationId).toBe('getRoot')
  })

  it('refuses an application with a configuration mistake, as start() would', () => {
    const app = new RestApplication()
    app.route('GET', '/x', () => null, { inject: ['missing'] })
    expect(() => generateOpenApi(app, { title: 't', version: '1' })).toThrow(ConfigurationError)
  })

  it('refuses documentation for a route or dependency the application does not have', () => {
    const app = new RestApplication().dependency('quota', () => 1)
    app.get('/posts/{post_id}', ({ post_id }) => ({ post_id }))
    const info = { title: 't', version: '1' }
    expect(() => generateOpenApi(app, { ...info, operations: { 'GET /posts/{id}': {} } })).toThrow(
      /operations\['GET \/posts\/\{id\}'\] matches no route/,
    )
    expect(() => generateOpenApi(app, { ...info, dependencies: { quotas: { responses: [429] } } })).toThrow(
      ConfigurationError,
    )
    expect(() => generateOpenApi(app, { ...info, operations: { 'HEAD /posts/{post_id}': {} } })).not.toThrow()
  })

  it('never derives an operationId the author already gave to another operation', async () => {
    const app = new RestApplication()
    app.get('/a', () => ({}))
    app.get('/b', () => ({}))
    const document = await documentOf(app, { operations: { 'GET /b': { operationId: 'getA' } } })
    expect(document.paths['/a']?.get?.operationId).toBe('getA2')
    expect(document.paths['/b']?.get?.operationId).toBe('getA')
  })
})
