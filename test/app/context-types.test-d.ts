import { RestApplication, type RestRequest } from 'restmachine'
import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { defined } from '../support/defined.js'

describe('context type inference', () => {
  it('types chained dependencies, startup values and validated input in handlers', () => {
    const app = new RestApplication()
      .onStartup('database', () => ({ users: [{ id: '1', role: 'admin' as const }] }))
      .dependency('currentUser', async ({ database }) => defined(database.users[0], 'a user'))
      .validates('newPost', z.object({ title: z.string(), tags: z.array(z.string()).optional() }))
      .resourceExists('post', ({ pathParams }) => (pathParams.id === '1' ? { id: '1', title: 'x' } : null))
      .authorized('session', () => ({ sid: 'abc' }) as { sid: string } | null)
      .forbidden('admin', ({ currentUser }) => currentUser.role === 'admin' && currentUser)

    app.post(
      '/posts/{id}',
      ({ database, currentUser, newPost, post, session, admin, id, pathParams, request }) => {
        expectTypeOf(database.users).toEqualTypeOf<{ id: string; role: 'admin' }[]>()
        expectTypeOf(currentUser).toEqualTypeOf<{ id: string; role: 'admin' }>()
        expectTypeOf(newPost).toEqualTypeOf<{ title: string; tags?: string[] | undefined }>()
        expectTypeOf(post).toEqualTypeOf<{ id: string; title: string }>()
        expectTypeOf(session).toEqualTypeOf<{ sid: string }>()
        expectTypeOf(admin).toEqualTypeOf<{ id: string; role: 'admin' }>()
        expectTypeOf(id).toEqualTypeOf<string>()
        expectTypeOf(pathParams).toEqualTypeOf<Readonly<{ id: string }>>()
        expectTypeOf(request).toEqualTypeOf<RestRequest>()
        return null
      },
    )
  })

  it('makes a misspelt dependency a compile error', () => {
    const app = new RestApplication().dependency('currentUser', () => ({ id: '1' }))
    // @ts-expect-error — 'curentUser' is not registered
    app.get('/profile', ({ curentUser }) => curentUser)
  })

  it('makes an unknown path parameter a compile error', () => {
    const app = new RestApplication()
    // @ts-expect-error — the template has no {post_id}
    app.get('/posts/{id}', ({ post_id }) => post_id)
  })

  it('types wildcard path parameters', () => {
    new RestApplication().get('/files/{rest:path}', ({ rest }) => {
      expectTypeOf(rest).toEqualTypeOf<string>()
    })
  })

  it('gives startup functions only startup values', () => {
    new RestApplication()
      .onStartup('config', () => ({ port: 1 }))
      .dependency('user', () => 'u')
      // @ts-expect-error — request-scoped 'user' is not available at startup
      .onStartup('bad', ({ user }) => user)
  })

  it('lets statement-style apps declare their context up front', () => {
    const app = new RestApplication<{ database: Map<string, string> }>()
    app.get('/x/{key}', ({ database, key }) => {
      expectTypeOf(database.get(key)).toEqualTypeOf<string | undefined>()
    })
  })
})

describe('route options', () => {
  it('type-checks the names a route requires', () => {
    const app = new RestApplication().dependency('requireAdmin', () => true)
    app.get('/admin', () => null, { requires: ['requireAdmin'] })
    // @ts-expect-error — 'requireAdmn' is not registered
    app.get('/admin2', () => null, { requires: ['requireAdmn'] })
  })
})
