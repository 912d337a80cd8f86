import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { createClient } from '../../src/client/index.js'
import { created, RestApplication, respond } from '../../src/index.js'

// With `returns` a Standard Schema, a success body is the schema's output: the writer drops the
// properties the schema does not declare, so the handler's own type would promise too much.

const User = z.object({ id: z.string(), name: z.string() })
const STORED = { id: 'u1', name: 'Ada', passwordHash: '$argon2id$secret' }
type User = z.output<typeof User>

const app = new RestApplication()
  .onStartup('users', () => new Map([['u1', STORED]]))
  .get('/users/{id}', ({ users, id }) => users.get(id) ?? STORED, { returns: User })
  .get('/users/{id}/maybe', ({ users, id }) => users.get(id) ?? null, { returns: User.nullable() })
  .post('/users', () => created(STORED, '/users/u1'), { returns: User })
  .patch('/users/{id}', () => respond(STORED, { status: 203 }), { returns: User })
  .put('/users/{id}', () => STORED, { returns: User, creates: 'users' })
  .get('/plain', () => STORED, { returns: { type: 'object', properties: { id: { type: 'string' } } } })
  .get('/anything', () => STORED, { returns: z.unknown() })
  .group({ prefix: '/admin' }, (admin) => admin.get('/users/{id}', () => STORED, { returns: User }))

const client = createClient<typeof app>(app.fetch)

describe('the typed client of routes that declare returns', () => {
  it('types the success body as the schema’s output, without the undeclared password hash', async () => {
    const res = await client.get('/users/{id}', { params: { id: 'u1' } })
    if (res.ok) expectTypeOf(res.body).toEqualTypeOf<User>()
    if (res.ok) expectTypeOf(res.body).not.toHaveProperty('passwordHash')
  })

  it('keeps the statuses the handler’s value answers, each with the declared body', async () => {
    const posted = await client.post('/users')
    if (posted.ok) expectTypeOf(posted.status).toEqualTypeOf<201>()
    if (posted.ok) expectTypeOf(posted.body).toEqualTypeOf<User>()
    const patched = await client.patch('/users/{id}', { params: { id: 'u1' } })
    if (patched.ok) expectTypeOf(patched.body).toEqualTypeOf<User>()
    if (patched.ok) expectTypeOf(patched.status).toEqualTypeOf<203>()
    const put = await client.put('/users/{id}', { params: { id: 'u1' } })
    if (put.ok) expectTypeOf(put.status).toEqualTypeOf<200 | 201>()
    if (put.ok) expectTypeOf(put.body).toEqualTypeOf<User>()
  })

  it('answers a nullable schema’s null as 204 with no body, its value as 200', async () => {
    const res = await client.get('/users/{id}/maybe', { params: { id: 'u1' } })
    if (res.status === 200) expectTypeOf(res.body).toEqualTypeOf<User>()
    if (res.status === 204) expectTypeOf(res.body).toEqualTypeOf<undefined>()
  })

  it('reads a grouped route’s returns under its full path', async () => {
    const res = await client.get('/admin/users/{id}', { params: { id: 'u1' } })
    if (res.ok) expectTypeOf(res.body).toEqualTypeOf<User>()
  })

  it('keeps the handler’s type when returns is a plain JSON Schema object, or a schema of anything', async () => {
    const res = await client.get('/plain')
    if (res.ok) expectTypeOf(res.body).toEqualTypeOf<typeof STORED>()
    const anything = await client.get('/anything')
    if (anything.ok) expectTypeOf(anything.body).toEqualTypeOf<typeof STORED>()
  })
})
