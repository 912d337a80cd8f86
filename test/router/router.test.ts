import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../../src/errors/index.js'
import { MALFORMED_PATH, parsePathTemplate, Router } from '../../src/router/index.js'

function routerWith(...templates: string[]) {
  const router = new Router<string>()
  for (const template of templates) router.add(parsePathTemplate(template), template)
  return router
}

describe('parsePathTemplate', () => {
  it('lists parameter names in order', () => {
    expect(parsePathTemplate('/users/{user_id}/posts/{post_id}').paramNames).toEqual(['user_id', 'post_id'])
  })

  it('refuses partial segments, repeated names, a non-final wildcard and relative paths', () => {
    expect(() => parsePathTemplate('/files/{name}.txt')).toThrow(ConfigurationError)
    expect(() => parsePathTemplate('/a/{x}/b/{x}')).toThrow(/twice/)
    expect(() => parsePathTemplate('/a/{rest:path}/b')).toThrow(/last segment/)
    expect(() => parsePathTemplate('users')).toThrow(/start with/)
  })
})

describe('Router', () => {
  it('matches static paths exactly', () => {
    const router = routerWith('/hello', '/hello/world')
    expect(router.match('/hello')).toEqual({ value: '/hello', params: {} })
    expect(router.match('/hello/')).toBeUndefined()
    expect(router.match('/nope')).toBeUndefined()
  })

  it('extracts and decodes parameters', () => {
    const router = routerWith('/posts/{post_id}')
    expect(router.match('/posts/42')).toEqual({ value: '/posts/{post_id}', params: { post_id: '42' } })
    expect(router.match('/posts/caf%C3%A9%2Fx')).toMatchObject({ params: { post_id: 'café/x' } })
    expect(router.match('/posts/')).toBeUndefined()
  })

  it('prefers static segments over parameters, and parameters over wildcards, with backtracking', () => {
    const router = routerWith(
      '/users/me',
      '/users/{id}',
      '/users/{id}/files/{rest:path}',
      '/users/me/settings',
    )
    expect(router.match('/users/me')).toMatchObject({ value: '/users/me' })
    expect(router.match('/users/7')).toMatchObject({ value: '/users/{id}' })
    expect(router.match('/users/me/files/a/b.txt')).toEqual({
      value: '/users/{id}/files/{rest:path}',
      params: { id: 'me', rest: 'a/b.txt' },
    })
  })

  it('matches a trailing wildcard over one or more segments', () => {
    const router = routerWith('/static/{file:path}')
    expect(router.match('/static/css/site.css')).toMatchObject({ params: { file: 'css/site.css' } })
    expect(router.match('/static/')).toBeUndefined()
  })

  it('decodes each segment of a wildcard, so an encoded slash or dot-dot reaches it decoded', () => {
    // serveStatic relies on this: it checks the decoded segments and the raw path (%2F) itself.
    const router = routerWith('/static/{file:path}')
    expect(router.match('/static/a%2Fb/..%2e/c')).toMatchObject({ params: { file: 'a/b/.../c' } })
    expect(router.match('/static/%2e%2e/x')).toMatchObject({ params: { file: '../x' } })
    expect(router.match('/static/docs/')).toMatchObject({ params: { file: 'docs/' } })
  })

  it('reports invalid percent-encoding as malformed', () => {
    expect(routerWith('/posts/{id}').match('/posts/%zz')).toBe(MALFORMED_PATH)
  })

  it('refuses two templates that match the same paths', () => {
    expect(() => routerWith('/a/{x}', '/a/{y}')).toThrow(/match the same paths/)
  })

  it('finds routes among many without scanning them all', () => {
    const router = new Router<number>()
    for (let i = 0; i < 1000; i++) router.add(parsePathTemplate(`/r${i}/{id}`), i)
    expect(router.match('/r999/x')).toEqual({ value: 999, params: { id: 'x' } })
  })

  it('matches the same whether a node has few static children (compared in place) or many (hashed)', () => {
    for (const siblings of [2, 20]) {
      const templates = Array.from({ length: siblings }, (_, i) => `/k${i}/{id}/`)
      const router = routerWith(...templates, '/{name}/x', '/k1/{id}/{rest:path}')
      expect(router.match('/k1/7/')).toEqual({ value: '/k1/{id}/', params: { id: '7' } })
      expect(router.match('/k1/7')).toBeUndefined()
      // the static 'k1' branch finds nothing for '/k1/x', so the walk backtracks to the parameter
      expect(router.match('/k1/x')).toEqual({ value: '/{name}/x', params: { name: 'k1' } })
      expect(router.match('/k1/7/a/b')).toMatchObject({ params: { id: '7', rest: 'a/b' } })
      expect(router.match('/k1/%37/')).toEqual({ value: '/k1/{id}/', params: { id: '7' } })
      expect(router.match('/k1//')).toBeUndefined()
    }
  })

  it('compares a static segment whole, so a name that begins a longer segment does not match it', () => {
    const router = routerWith('/ab/{id}', '/{name}/x')
    expect(router.match('/abc/x')).toEqual({ value: '/{name}/x', params: { name: 'abc' } })
    expect(router.match('/a/x')).toEqual({ value: '/{name}/x', params: { name: 'a' } })
    expect(router.match('/ab/x')).toEqual({ value: '/ab/{id}', params: { id: 'x' } })
  })

  it('answers a static path with one shared match that cannot be changed', () => {
    const router = routerWith('/hello')
    const match = router.match('/hello')
    expect(router.match('/hello')).toBe(match)
    expect(Object.isFrozen(match)).toBe(true)
  })

  it('gives each parameterized match its own params', () => {
    const router = routerWith('/posts/{id}')
    const first = router.match('/posts/1')
    router.match('/posts/2')
    expect(first).toMatchObject({ params: { id: '1' } })
  })

  it('lists every template with its value in registration order, static and parameterised alike', () => {
    const templates = ['/posts/{id}', '/health', '/files/{rest:path}', '/posts', '/a/{x}/b']
    const listed = [...routerWith(...templates).routes()]
    expect(listed.map((route) => route.value)).toEqual(templates)
    expect(listed.map((route) => route.template.source)).toEqual(templates)
  })

  it('lists a template shadowed by another one for matching (a parameter before a wildcard)', () => {
    const router = routerWith('/{a}/{b}', '/{rest:path}')
    expect(router.match('/x/y')).toMatchObject({ value: '/{a}/{b}' })
    expect([...router.routes()].map((route) => route.value)).toEqual(['/{a}/{b}', '/{rest:path}'])
  })

  it('does not list a template it refused as a clash', () => {
    const router = routerWith('/a/{x}')
    expect(() => router.add(parsePathTemplate('/a/{y}'), '/a/{y}')).toThrow(/match the same paths/)
    expect([...router.routes()].map((route) => route.value)).toEqual(['/a/{x}'])
  })
})
