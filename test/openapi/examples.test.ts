import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../examples/auth-complete.js'
import { app as httpFeatures } from '../../examples/http-features.js'
import type { OpenApiDocument } from '../../src/openapi/index.js'
import { documentOf, statusesOf } from './support.js'

const ERROR = { $ref: '#/components/schemas/Error' }
const PROBLEM = { $ref: '#/components/schemas/ProblemDetails' }

describe('the OpenAPI document of examples/http-features.ts', () => {
  let document: OpenApiDocument
  beforeAll(async () => {
    document = await documentOf(httpFeatures, { title: 'HTTP features', version: '1.0.0' })
  })

  it('is a valid OpenAPI 3.1 document with every registered path', () => {
    expect(document.openapi).toBe('3.1.0')
    expect(Object.keys(document.paths)).toEqual([
      '/documents',
      '/documents/{id}',
      '/report',
      '/files/{name}',
      '/boom',
      '/openapi.json',
    ])
  })

  it('documents GET with its conditional statuses and HEAD beside it', () => {
    expect(statusesOf(document, 'get', '/documents/{id}')).toEqual([
      '200',
      '304',
      '404',
      '406',
      '412',
      'default',
    ])
    expect(statusesOf(document, 'head', '/documents/{id}')).toEqual([
      '200',
      '304',
      '404',
      '406',
      '412',
      'default',
    ])
    const get = document.paths['/documents/{id}']?.get
    expect(get?.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual([
      'path:id',
      'header:If-Match',
      'header:If-Unmodified-Since',
      'header:If-None-Match',
      'header:If-Modified-Since',
    ])
    expect(Object.keys(get?.responses['200']?.headers ?? {})).toEqual(['ETag', 'Last-Modified'])
    expect(Object.keys(get?.responses['304']?.headers ?? {})).toEqual(['ETag', 'Last-Modified'])
    expect(get?.responses['404']?.description).toContain("resourceExists('document')")
    expect(document.paths['/documents/{id}']?.head?.responses['404']?.content).toBeUndefined()
  })

  it('documents the creating PUT with 201 + Location and without 404 or 304', () => {
    expect(statusesOf(document, 'put', '/documents/{id}')).toEqual([
      '200',
      '201',
      '400',
      '406',
      '412',
      '413',
      '415',
      '422',
      'default',
    ])
    const put = document.paths['/documents/{id}']?.put
    expect(put?.responses['201']?.headers?.Location?.required).toBe(true)
    expect(put?.parameters?.map((p) => p.name)).not.toContain('If-Modified-Since')
    expect(put?.requestBody?.required).toBe(true)
    expect(Object.keys(put?.requestBody?.content ?? {})).toEqual(['application/json'])
    expect(put?.responses['422']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/ValidationError',
    })
  })

  it('documents DELETE as 204 with its preconditions', () => {
    expect(statusesOf(document, 'delete', '/documents/{id}')).toEqual(['204', '404', '406', '412', 'default'])
    expect(document.paths['/documents/{id}']?.delete?.responses['204']?.content).toBeUndefined()
  })

  it('lists the negotiated media types of /report in the server’s order', () => {
    const ok = document.paths['/report']?.get?.responses['200']
    expect(Object.keys(ok?.content ?? {})).toEqual(['application/json', 'text/html', 'text/csv'])
    expect(ok?.content?.['text/csv']?.schema).toEqual({ type: 'string' })
    expect(ok?.headers?.Vary?.description).toContain('Accept.')
    expect(statusesOf(document, 'get', '/report')).toEqual(['200', '406', 'default'])
  })

  it('documents byte ranges on /files/{name}: 206, 416, Range and If-Range', () => {
    expect(statusesOf(document, 'get', '/files/{name}')).toEqual([
      '200',
      '206',
      '304',
      '404',
      '406',
      '412',
      '416',
      'default',
    ])
    const get = document.paths['/files/{name}']?.get
    expect(get?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['Range', 'If-Range']))
    expect(get?.responses['200']?.headers?.['Accept-Ranges']?.schema).toEqual({
      type: 'string',
      const: 'bytes',
    })
    expect(Object.keys(get?.responses['206']?.content ?? {})).toEqual(['text/plain', 'multipart/byteranges'])
    expect(statusesOf(document, 'head', '/files/{name}')).not.toContain('206')
  })

  it('states 405, OPTIONS and CORS where OpenAPI has no status for them', () => {
    const item = document.paths['/documents/{id}']
    expect(item?.description).toContain('Allow: DELETE, GET, HEAD, OPTIONS, PUT')
    expect(item?.description).toContain('405')
    expect(item?.options).toBeUndefined()
    expect(item?.get?.description).toContain('https://example.com')
  })

  it('sends errors as the shared Error schema or, on request, as problem details', () => {
    const notFound = document.paths['/documents/{id}']?.get?.responses['404']
    expect(notFound?.content).toEqual({
      'application/json': { schema: ERROR },
      'application/problem+json': { schema: PROBLEM },
    })
    expect(document.components.securitySchemes).toBeUndefined()
  })
})

describe('the OpenAPI document of examples/auth-complete.ts', () => {
  const app = createApp({
    jwtSecret: 'a-test-secret-that-is-long-enough-for-hs256',
    passwordCost: { timeCost: 1 },
  })
  const dependencies = {
    accessToken: { security: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } as const },
    loginRateLimit: { responses: [429] },
    authorizedPost: { responses: [403] },
  }

  it('requires the bearer token exactly where authorized(accessToken) is in the plan', async () => {
    const document = await documentOf(app, { title: 'Auth', version: '1.0.0' })
    expect(document.components.securitySchemes).toEqual({
      accessToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, // the example's `openapi` option
    })
    expect(document.paths['/profile']?.get?.security).toEqual([{ accessToken: [] }])
    expect(document.paths['/login']?.post?.security).toEqual([]) // public on purpose, stated
    expect(statusesOf(document, 'get', '/profile')).toEqual(['200', '401', 'default'])
    expect(statusesOf(document, 'get', '/admin/users')).toEqual(['200', '401', '403', 'default'])
    expect(statusesOf(document, 'get', '/posts/{post_id}')).toEqual(['200', '401', '404', 'default'])
    // 403 from authorizedPost and 429 from loginRateLimit: the example documents what they throw;
    // 401 is the login handler's own answer, and 200 its only success (so no guessed 201).
    expect(statusesOf(document, 'delete', '/posts/{post_id}')).toEqual([
      '204',
      '401',
      '403',
      '404',
      'default',
    ])
    expect(statusesOf(document, 'post', '/login')).toEqual([
      '200',
      '400',
      '401',
      '413',
      '415',
      '422',
      '429',
      'default',
    ])
    expect(document.paths['/profile']?.get?.responses['401']?.headers?.['WWW-Authenticate']).toBeDefined()
  })

  it('leaves the body of statuses with an error handler open', async () => {
    const document = await documentOf(app)
    const unauthorized = document.paths['/profile']?.get?.responses['401']
    expect(unauthorized?.content).toEqual({ 'application/json': { schema: {} } })
    expect(unauthorized?.description).toContain('error handler')
  })

  it('adds what dependencies throw and the scheme they check when the author says so', async () => {
    const document = await documentOf(app, { dependencies })
    expect(document.components.securitySchemes?.accessToken).toEqual(dependencies.accessToken.security)
    expect(statusesOf(document, 'post', '/login')).toContain('429')
    expect(statusesOf(document, 'delete', '/posts/{post_id}')).toEqual([
      '204',
      '401',
      '403',
      '404',
      'default',
    ])
    expect(statusesOf(document, 'get', '/posts/{post_id}')).not.toContain('403')
  })
})
