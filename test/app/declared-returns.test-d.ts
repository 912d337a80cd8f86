import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { created, RestApplication, respond } from '../../src/index.js'

// A route's `returns` schema constrains what its handler returns: the schema's output type
// (docs/validation.md, "declared response bodies"), as a value, a Reply, or in a promise.

const User = z.object({ id: z.string(), name: z.string(), age: z.number().int() })
const STORED = { id: 'u1', name: 'Ada', age: 36, passwordHash: '$argon2id$secret' }
type User = z.output<typeof User>

const app = new RestApplication().onStartup('users', () => new Map<string, typeof STORED>())

describe('a handler of a route that declares returns', () => {
  it('may return the schema’s output, with more properties (dropped when written), awaited or not', () => {
    app.get('/users/{id}', () => STORED, { returns: User })
    app.get('/users/{id}/exact', (): User => ({ id: 'u1', name: 'Ada', age: 36 }), { returns: User })
    app.get('/users/{id}/async', async ({ users, id }) => users.get(id) ?? STORED, { returns: User })
    app.route('GET', '/users/{id}/route', () => STORED, { returns: User })
    app.get('/users/{id}/age', () => 36, { returns: User.shape.age })
  })

  it('may wrap it in respond() or created(), keeping the status', () => {
    app.post('/users', () => created(STORED, '/users/u1'), { returns: User })
    app.patch('/users/{id}', () => respond(STORED, { status: 203 }), { returns: User })
    app.put('/users/{id}', async () => respond(STORED, { headers: { etag: '"1"' } }), { returns: User })
  })

  it('does not compile returning a property of the wrong type', () => {
    // @ts-expect-error: age is declared a number
    app.get('/a', () => ({ ...STORED, age: 'thirty-six' }), { returns: User })
    // @ts-expect-error: the same, from an async handler
    app.get('/b', async () => ({ ...STORED, age: 'thirty-six' }), { returns: User })
    // @ts-expect-error: the same, inside created()
    app.post('/c', () => created({ ...STORED, id: 1 }, '/c/1'), { returns: User })
  })

  it('does not compile returning an object without a required property', () => {
    // @ts-expect-error: name is missing
    app.get('/d', ({ users }) => ({ id: 'u2', age: users.size }), { returns: User })
    // @ts-expect-error: a PUT that creates is held to the schema too
    app.put('/e', () => ({ id: 'u2' }), { returns: User, creates: 'users' })
  })

  it('does not compile returning nothing or a response of its own when the schema does not allow it', () => {
    // @ts-expect-error: undefined (a 204) is not a User
    app.delete('/f', () => undefined, { returns: User })
    // @ts-expect-error: a Web Response would bypass the declared writer
    app.get('/g', () => new Response('{}'), { returns: User })
    app.get('/h', () => null, { returns: User.nullable() })
  })

  it('reads the output side: a field with a default is required of the handler', () => {
    const Post = z.object({ title: z.string(), draft: z.boolean().default(true) })
    app.get('/posts/1', () => ({ title: 'Hello', draft: false }), { returns: Post })
    // @ts-expect-error: draft is optional in the schema's input, required in its output
    app.get('/posts/2', () => ({ title: 'Hello' }), { returns: Post })
  })

  it('holds a grouped route to its own returns', () => {
    app.group({ prefix: '/admin' }, (admin) => {
      admin.get('/users/{id}', () => STORED, { returns: User })
      // @ts-expect-error: name is missing
      admin.get('/broken', () => ({ id: 'x', age: 1 }), { returns: User })
    })
  })

  it('needs `as const` for a literal built in a handler (inferred before the options are read)', () => {
    const Health = z.object({ status: z.literal('ok') })
    app.get('/health', () => ({ status: 'ok' as const }), { returns: Health })
    // @ts-expect-error: without `as const`, 'ok' is inferred as string
    app.get('/health/2', () => ({ status: 'ok' }), { returns: Health })
  })

  it('is not constrained by a plain JSON Schema object, nor without returns', () => {
    app.get('/i', () => 'anything', { returns: { type: 'object', properties: { n: { type: 'integer' } } } })
    expectTypeOf(app.get('/j', () => 'anything')).not.toBeNever()
  })
})
