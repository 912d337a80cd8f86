import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { expandPath, queryString } from '../../src/client/expand-path.js'
import { createClient } from '../../src/client/index.js'
import { created, RestApplication } from '../../src/index.js'

const echo = new RestApplication()
  .validates('item', z.object({ name: z.string() }))
  .get('/files/{name}', ({ name, queryParams }) => ({ name, q: queryParams.q, page: queryParams.page }))
  .get('/raw/{rest:path}', ({ rest }) => ({ rest }))
  .get('/text', () => 'plain words')
  .get('/headers', ({ headers }) => ({
    accept: headers.get('accept'),
    authorization: headers.get('authorization'),
    trace: headers.get('x-trace'),
  }))
  .post(
    '/items',
    ({ item, headers }) => created({ ...item, type: headers.get('content-type') }, '/items/1'),
    {
      requires: ['item'],
    },
  )
  .delete('/items/{id}', () => undefined)

describe('createClient over app.fetch', () => {
  const client = createClient<typeof echo>(echo.fetch)

  it('fills path parameters percent-encoded, so a value cannot change the path', async () => {
    const res = await client.get('/files/{name}', { params: { name: 'a b/c?d#e%' } })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ name: 'a b/c?d#e%' })
  })

  it('keeps the slashes of a {name:path} parameter and encodes each segment', async () => {
    const res = await client.get('/raw/{rest:path}', { params: { rest: 'x y/z' } })
    expect(res.body).toEqual({ rest: 'x y/z' })
  })

  it('writes the query string and leaves out undefined values', async () => {
    const res = await client.get('/files/{name}', {
      params: { name: 'f' },
      query: { q: 'a&b=c', page: 2, missing: undefined },
    })
    expect(res.body).toEqual({ name: 'f', q: 'a&b=c', page: '2' })
  })

  it('sends JSON with its Content-Type and answers the parsed 201 body', async () => {
    const res = await client.post('/items', { body: { name: 'pen' } })
    expect(res.status).toBe(201)
    expect(res.ok).toBe(true)
    expect(res.headers.get('location')).toBe('/items/1')
    expect(res.body).toEqual({ name: 'pen', type: 'application/json' })
  })

  it('answers an error with its status, ok false and the parsed error body', async () => {
    const res = await client.post('/items', { body: { name: 3 } as unknown as { name: string } })
    expect(res.status).toBe(422)
    expect(res.ok).toBe(false)
    expect(res.body).toMatchObject({ error: expect.any(String) })
  })

  it('asks for JSON and sends the client’s headers under the call’s own', async () => {
    const withAuth = createClient<typeof echo>(echo.fetch, {
      headers: { authorization: 'Bearer client', 'x-trace': 'client' },
    })
    const res = await withAuth.get('/headers', { headers: { 'x-trace': 'call' } })
    expect(res.body).toEqual({ accept: 'application/json', authorization: 'Bearer client', trace: 'call' })
  })

  it('reads a text body as text', async () => {
    const res = await client.get('/text', { headers: { accept: 'text/plain' } })
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(res.body).toBe('plain words')
  })

  it('answers no body for a 204 and for HEAD', async () => {
    const removed = await client.delete('/items/{id}', { params: { id: '1' } })
    expect([removed.status, removed.body]).toEqual([204, undefined])
    const head = await client.head('/text')
    expect([head.status, head.body]).toEqual([200, undefined])
  })

  it('refuses a call without a path parameter the template names', async () => {
    await expect(client.get('/files/{name}', { params: {} as { name: string } })).rejects.toThrow(
      "path parameter 'name' of '/files/{name}' is missing",
    )
  })
})

describe('createClient of composed applications', () => {
  it('calls group and mounted routes by their full path templates', async () => {
    const app = new RestApplication()
      .group({ prefix: '/admin' }, (admin) => admin.get('/stats', () => ({ routes: 2 })))
      .mount('/orgs/{org}', (orgs) => orgs.get('/repos/{repo}', ({ org, repo }) => ({ org, repo })))
    const client = createClient<typeof app>(app.fetch)
    expect((await client.get('/admin/stats')).body).toEqual({ routes: 2 })
    const repo = await client.get('/orgs/{org}/repos/{repo}', { params: { org: 'a b', repo: 'c' } })
    expect([repo.status, repo.body]).toEqual([200, { org: 'a b', repo: 'c' }])
  })
})

describe('createClient with a base URL', () => {
  it('sends each call to the base URL through the fetch it is given', async () => {
    const seen: string[] = []
    const client = createClient<typeof echo>('https://api.example.com/v1/', {
      fetch: async (request) => {
        seen.push(`${request.method} ${request.url} ${request.headers.get('content-type')}`)
        return echo.fetch(
          new Request(request.url.replace('https://api.example.com/v1', 'http://localhost'), request),
        )
      },
    })
    const res = await client.post('/items', { body: { name: 'cup' } })
    expect(res.status).toBe(201)
    expect(seen).toEqual(['POST https://api.example.com/v1/items application/json'])
  })
})

describe('expandPath and queryString', () => {
  it('encode everything outside a segment’s unreserved characters (RFC 3986 §3.3)', () => {
    expect(expandPath('/a/{x}/b', { x: 'é ü/?#[]@' })).toBe('/a/%C3%A9%20%C3%BC%2F%3F%23%5B%5D%40/b')
    expect(queryString({ q: 'a b', n: 1, flag: true, skip: undefined })).toBe('?q=a+b&n=1&flag=true')
    expect(queryString({})).toBe('')
  })
})
