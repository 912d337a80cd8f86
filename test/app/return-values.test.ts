import { Conflict, RestApplication, RestResponse, respond } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

describe('what a handler returns', () => {
  const app = new RestApplication()
  app.get('/object', () => ({ hello: 'world' }))
  app.get('/array', () => [1, 2])
  app.get('/null', () => null)
  app.get('/undefined', () => {})
  app.get('/string', () => 'plain text')
  app.get('/bytes', () => new Uint8Array([1, 2, 3]))
  app.get('/async', async () => ({ later: true }))
  app.post('/created', () => respond({ id: '3' }, { status: 201, headers: { Location: '/items/3' } }))
  app.delete('/with-body', () => respond({ message: 'Post deleted' }, { status: 204 }))
  app.get('/web', () => new Response('from fetch', { status: 202, headers: { 'x-kind': 'web' } }))
  app.get('/core', () => new RestResponse(418, { 'content-type': 'text/plain' }, 'teapot'))
  app.get('/cookies', () => {
    const headers = new Headers()
    headers.append('set-cookie', 'a=1')
    headers.append('set-cookie', 'b=2')
    return new Response(null, { status: 204, headers })
  })
  const client = createTestClient(app)

  it('sends objects and arrays as JSON 200', async () => {
    const object = await client.get('/object')
    expect(object.status).toBe(200)
    expect(object.headers.get('content-type')).toBe('application/json')
    expect(object.json()).toEqual({ hello: 'world' })
    expect((await client.get('/array')).json()).toEqual([1, 2])
  })

  it('sends null and undefined as 204 with no content type', async () => {
    for (const path of ['/null', '/undefined']) {
      const response = await client.get(path)
      expect(response.status).toBe(204)
      expect(response.text).toBe('')
      expect(response.headers.has('content-type')).toBe(false)
    }
  })

  it('sends strings as text/plain and bytes as octets', async () => {
    const text = await client.get('/string')
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(text.text).toBe('plain text')
    const bytes = await client.get('/bytes')
    expect(bytes.headers.get('content-type')).toBe('application/octet-stream')
    expect([...bytes.body]).toEqual([1, 2, 3])
  })

  it('awaits async handlers', async () => {
    expect((await client.get('/async')).json()).toEqual({ later: true })
  })

  it('applies the status and headers given to respond()', async () => {
    const response = await client.post('/created')
    expect(response.status).toBe(201)
    expect(response.headers.get('location')).toBe('/items/3')
    expect(response.json()).toEqual({ id: '3' })
  })

  it('drops a body given with 204 instead of sending it', async () => {
    const response = await client.delete('/with-body')
    expect(response.status).toBe(204)
    expect(response.text).toBe('')
    expect(response.headers.has('content-type')).toBe(false)
  })

  it('passes Web Responses and core responses through, keeping every Set-Cookie', async () => {
    const web = await client.get('/web')
    expect([web.status, web.text, web.headers.get('x-kind')]).toEqual([202, 'from fetch', 'web'])
    expect((await client.get('/core')).status).toBe(418)
    expect((await client.get('/cookies')).headers.getAll('set-cookie')).toEqual(['a=1', 'b=2'])
  })

  it('refuses a status outside 200–599 in respond()', () => {
    expect(() => respond(null, { status: 99 })).toThrow(RangeError)
  })
})

describe('responseHeaders', () => {
  const app = new RestApplication()
    .dependency('session', ({ responseHeaders }) => {
      responseHeaders.append('set-cookie', 'sid=1; HttpOnly')
      responseHeaders.set('x-from-dependency', 'yes')
      return 'session'
    })
    .dependency('failing', ({ session }) => {
      if (session) throw new Conflict('nope')
    })
  app.get('/ok', ({ session }) =>
    respond({ session }, { headers: { 'set-cookie': 'other=2', 'x-from-dependency': 'handler wins' } }),
  )
  app.get('/error', ({ failing }) => failing)
  const client = createTestClient(app)

  it('adds dependency headers to the response, adding up Set-Cookie and letting the handler win otherwise', async () => {
    const response = await client.get('/ok')
    expect(response.headers.getAll('set-cookie')).toEqual(['other=2', 'sid=1; HttpOnly'])
    expect(response.headers.get('x-from-dependency')).toBe('handler wins')
  })

  it('adds them to error responses too', async () => {
    const response = await client.get('/error')
    expect(response.status).toBe(409)
    expect(response.headers.getAll('set-cookie')).toEqual(['sid=1; HttpOnly'])
  })
})
