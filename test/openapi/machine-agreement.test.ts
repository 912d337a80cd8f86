import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { app } from '../../examples/http-features.js'
import type { OpenApiDocument } from '../../src/openapi/index.js'
import { documentOf, statusesOf } from './support.js'

/** Requests that make the machine answer each status, per operation of examples/http-features.ts. */
const CASES: readonly [method: string, path: string, status: number, init?: RequestInit][] = [
  ['GET', '/documents/1', 200],
  ['GET', '/documents/1', 304, { headers: { 'if-none-match': '"1-v1"' } }],
  ['GET', '/documents/1', 412, { headers: { 'if-match': '"nope"' } }],
  ['GET', '/documents/404', 404],
  ['GET', '/documents/1', 406, { headers: { accept: 'image/png' } }],
  ['HEAD', '/documents/1', 304, { headers: { 'if-modified-since': 'Sat, 01 Jun 2024 00:00:00 GMT' } }],
  ['PUT', '/documents/9', 201, { body: '{"title":"new"}', headers: { 'content-type': 'application/json' } }],
  [
    'PUT',
    '/documents/1',
    412,
    { body: '{"title":"x"}', headers: { 'content-type': 'application/json', 'if-match': '"0"' } },
  ],
  [
    'PUT',
    '/documents/1',
    415,
    { body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  ],
  ['PUT', '/documents/1', 400, { body: '{', headers: { 'content-type': 'application/json' } }],
  ['PUT', '/documents/1', 422, { body: '{"title":""}', headers: { 'content-type': 'application/json' } }],
  ['POST', '/documents', 201, { body: '{"title":"t"}', headers: { 'content-type': 'application/json' } }],
  ['DELETE', '/documents/3', 204],
  ['DELETE', '/documents/3', 404],
  ['GET', '/files/sample.txt', 206, { headers: { range: 'bytes=0-9' } }],
  ['GET', '/files/sample.txt', 416, { headers: { range: 'bytes=5000-' } }],
  ['GET', '/report', 406, { headers: { accept: 'application/xml' } }],
]

describe('the document of examples/http-features.ts agrees with the machine', () => {
  let document: OpenApiDocument
  beforeAll(async () => {
    document = await documentOf(app)
  })
  afterAll(() => app.stop())

  for (const [method, path, status, init] of CASES) {
    it(`lists ${status} for ${method} ${path}, as the machine answers it`, async () => {
      const response = await app.fetch(new Request(`http://localhost${path}`, { method, ...init }))
      expect(response.status).toBe(status)
      const template = path.startsWith('/documents/')
        ? '/documents/{id}'
        : path.startsWith('/files/')
          ? '/files/{name}'
          : path
      expect(statusesOf(document, method.toLowerCase(), template)).toContain(String(status))
    })
  }

  it('does not list 404 for the PUT that creates, and the machine indeed creates instead', async () => {
    expect(statusesOf(document, 'put', '/documents/{id}')).not.toContain('404')
    const response = await app.fetch(
      new Request('http://localhost/documents/77', {
        method: 'PUT',
        body: '{"title":"t"}',
        headers: { 'content-type': 'application/json' },
      }),
    )
    expect(response.status).toBe(201)
  })

  it('states in the path description the Allow header the machine sends with its 405', async () => {
    const response = await app.fetch(new Request('http://localhost/documents/1', { method: 'PATCH' }))
    expect(response.status).toBe(405)
    expect(document.paths['/documents/{id}']?.description).toContain(
      `Allow: ${response.headers.get('allow')}.`,
    )
  })
})
