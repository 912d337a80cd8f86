import { RestApplication } from 'restmachine'
import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'

describe('the openapi route option', () => {
  it('is typed: misspelt fields and wrong types are compile errors', () => {
    const app = new RestApplication()
    app.get('/a', () => ({}), {
      openapi: { summary: 'A', tags: ['a'], responses: { 200: { schema: z.string() } } },
    })
    // @ts-expect-error: a summary is a string
    app.get('/b', () => ({}), { openapi: { summary: 1 } })
    // @ts-expect-error: `summry` is not a field of an operation's documentation
    app.get('/c', () => ({}), { openapi: { summry: 'C' } })
    // @ts-expect-error: a response's schema is a Standard JSON Schema or a JSON Schema object
    app.get('/d', () => ({}), { openapi: { responses: { 200: { schema: 'string' } } } })
  })

  it('leaves the inference of the other options and the handler context as it was', () => {
    const app = new RestApplication().resourceExists('post', () => ({ id: '1' }))
    app.put(
      '/posts/{id}',
      ({ post, id }) => {
        expectTypeOf(post).toEqualTypeOf<{ id: string } | undefined>()
        expectTypeOf(id).toEqualTypeOf<string>()
        return post
      },
      { creates: 'post', openapi: { summary: 'Create or replace a post' } },
    )
    // @ts-expect-error: `requires` still names only registered dependencies
    app.get('/x', () => ({}), { requires: ['pots'], openapi: { summary: 'X' } })
  })
})
