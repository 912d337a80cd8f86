import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../examples/ops/composing.js'
import type { OpenApiDocument } from '../../src/openapi/index.js'
import { expectValidOpenApi } from '../openapi/support.js'

describe('examples/ops/composing.ts over HTTP', () => {
  let server: RunningServer
  const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init)
  const operator = { authorization: 'Bearer ops-token' }
  beforeAll(async () => {
    server = await serve(createApp(), { port: 0, handleSignals: false })
  })
  afterAll(() => server.close())

  it('serves the API mounted under /api/v1 from the root’s startup value', async () => {
    expect(await (await call('/api/v1/notes/1')).json()).toEqual({ id: '1', text: 'Buy milk' })
    const created = await call('/api/v1/notes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Call Bob' }),
    })
    expect(await created.json()).toEqual({ id: '2', text: 'Call Bob' })
    expect(await (await call('/api/v1/notes')).json()).toHaveLength(2)
  })

  it('answers the API’s 404s with its own error handler, and 405 with Allow', async () => {
    const missing = await call('/api/v1/notes/9')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ code: 'not_found', message: 'Resource not found' })
    const refused = await call('/api/v1/notes', { method: 'DELETE' })
    expect(refused.status).toBe(405)
    expect(refused.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST')
  })

  it('serves an organisation’s repositories under /orgs/{org}', async () => {
    expect(await (await call('/orgs/acme/repos')).json()).toEqual(['acme/site', 'acme/tools'])
    expect((await call('/orgs/nobody/repos')).status).toBe(404)
  })

  it('guards the admin group with its shared check, CORS and security headers', async () => {
    const anonymous = await call('/admin/stats', { headers: { accept: 'application/problem+json' } })
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json')
    expect(await anonymous.json()).toMatchObject({ status: 401, title: 'Unauthorized' })
    const stats = await call('/admin/stats', {
      headers: { ...operator, origin: 'https://console.example.org' },
    })
    expect(stats.status).toBe(200)
    expect(stats.headers.get('access-control-allow-origin')).toBe('https://console.example.org')
    expect(stats.headers.get('x-content-type-options')).toBe('nosniff')
    expect((await call('/api/v1/notes/1')).headers.get('x-content-type-options')).toBeNull()
    expect((await call('/admin/notes/1', { method: 'DELETE', headers: operator })).status).toBe(204)
  })

  it('writes errors in the type Accept asks for, with the default headers on every response', async () => {
    const page = await call('/missing', { headers: { accept: 'text/html' } })
    expect(page.status).toBe(404)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await page.text()).toContain('<h1>404 Not Found</h1>')
    expect(page.headers.get('x-api-version')).toBe('1')
    expect((await call('/orgs/acme/repos')).headers.get('x-api-version')).toBe('1')
  })

  it('documents the mounted and grouped routes under their prefixes in valid OpenAPI 3.1', async () => {
    const document = await expectValidOpenApi((await (await call('/openapi.json')).json()) as OpenApiDocument)
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/notes/{id}',
        '/api/v1/notes',
        '/orgs/{org}/repos',
        '/admin/stats',
        '/admin/notes/{id}',
      ]),
    )
    expect(document.paths['/admin/stats']?.get?.tags).toEqual(['admin'])
    expect(document.paths['/admin/stats']?.get?.responses).toHaveProperty('401')
  })
})
