import type { StandardSchemaV1 } from '@standard-schema/spec'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { app as httpFeatures } from '../../examples/http-features.js'
import { RestApplication } from '../../src/index.js'
import { documentOf, expectSchemaExposed, statusesOf } from './support.js'

const NewPost = z.object({ title: z.string().min(1).max(200), tags: z.array(z.string()).default([]) })

interface Tree {
  name: string
  children: Tree[]
}
const TreeSchema: z.ZodType<Tree> = z.object({
  name: z.string(),
  get children() {
    return z.array(TreeSchema)
  },
})

/** A Standard Schema from a library without a JSON Schema converter. */
const opaque: StandardSchemaV1<unknown, string> = {
  '~standard': { version: 1, vendor: 'hand-made', validate: (value) => ({ value: String(value) }) },
}

function postApp(name: string, schema: StandardSchemaV1) {
  const app = new RestApplication().validates(name, schema)
  app.post('/posts', (context: Record<string, unknown>) => ({ saved: context[name] }), { inject: [name] })
  expectSchemaExposed(app, name, schema)
  return app
}

describe('schemas from Standard Schema validators', () => {
  it('documents a body validator as a component converted by the library, input side', async () => {
    const document = await documentOf(postApp('newPost', NewPost))
    const body = document.paths['/posts']?.post?.requestBody
    expect(body?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/newPost' })
    expect(document.components.schemas.newPost).toEqual({
      type: 'object',
      properties: {
        title: { type: 'string', minLength: 1, maxLength: 200 },
        tags: { default: [], type: 'array', items: { type: 'string' } },
      },
      required: ['title'],
    })
    expect(statusesOf(document, 'post', '/posts')).toContain('422')
  })

  it('points the refs of a recursive schema into its component', async () => {
    const document = await documentOf(postApp('tree', TreeSchema))
    const tree = document.components.schemas.tree as { properties: { children: { items: unknown } } }
    expect(tree.properties.children.items).toEqual({ $ref: '#/components/schemas/tree' })
  })

  it('keeps a schema’s own $defs reachable from inside the document', async () => {
    const UserId = z.string().meta({ id: 'UserId' })
    const document = await documentOf(postApp('pair', z.object({ from: UserId, to: UserId })))
    const pair = document.components.schemas.pair as { properties: { from: unknown }; $defs: object }
    expect(pair.properties.from).toEqual({ $ref: '#/components/schemas/pair/$defs/UserId' })
    expect(pair.$defs).toEqual({ UserId: { type: 'string' } })
  })

  it('describes what JSON Schema cannot express as any value instead of failing', async () => {
    const document = await documentOf(postApp('event', z.object({ at: z.date(), note: z.string() })))
    const event = document.components.schemas.event as { properties: Record<string, unknown> }
    expect(event.properties).toEqual({ at: {}, note: { type: 'string' } })
  })

  it('leaves the body schema open for a library without a JSON Schema converter', async () => {
    const document = await documentOf(postApp('note', opaque))
    expect(document.paths['/posts']?.post?.requestBody?.content['application/json']?.schema).toEqual({})
    expect(Object.keys(document.components.schemas)).toEqual([
      'Error',
      'ValidationError',
      'ProblemDetails',
      'ValidationDetail',
    ])
  })

  it('combines several body validators of one route with allOf', async () => {
    const Meta = z.object({ draft: z.boolean() })
    const app = new RestApplication().validates('content', NewPost).validates('meta', Meta)
    app.post('/posts', ({ content, meta }) => ({ content, meta }))
    expectSchemaExposed(app, 'content', NewPost)
    expectSchemaExposed(app, 'meta', Meta)
    const document = await documentOf(app)
    expect(document.paths['/posts']?.post?.requestBody?.content['application/json']?.schema).toEqual({
      allOf: [{ $ref: '#/components/schemas/content' }, { $ref: '#/components/schemas/meta' }],
    })
  })

  it('turns the fields of a query validator into query parameters', async () => {
    const Filters = z.object({ page: z.coerce.number().int().min(1), q: z.string().optional() })
    const app = new RestApplication().validates('filters', Filters, { source: 'query' })
    app.get('/search', ({ filters }) => filters)
    expectSchemaExposed(app, 'filters', Filters)
    const document = await documentOf(app)
    const parameters = document.paths['/search']?.get?.parameters
    expect(parameters).toEqual([
      {
        name: 'page',
        in: 'query',
        required: true,
        schema: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
      },
      { name: 'q', in: 'query', schema: { type: 'string' } },
    ])
    expect(document.paths['/search']?.get?.requestBody).toBeUndefined()
    expect(statusesOf(document, 'get', '/search')).toEqual(['200', '422', 'default'])
  })

  it('documents a query validator that is not an object as one form-style parameter', async () => {
    const Either = z.union([z.object({ id: z.string() }), z.object({ slug: z.string() })])
    const app = new RestApplication().validates('lookup', Either, { source: 'query' })
    app.get('/find', ({ lookup }) => lookup)
    expectSchemaExposed(app, 'lookup', Either)
    const document = await documentOf(app)
    expect(document.paths['/find']?.get?.parameters).toEqual([
      {
        name: 'lookup',
        in: 'query',
        style: 'form',
        explode: true,
        schema: { $ref: '#/components/schemas/lookup' },
      },
    ])
  })

  it('documents the body schema of examples/http-features.ts once validators expose their schema', async () => {
    const document = await documentOf(httpFeatures)
    expect(document.paths['/documents']?.post?.requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/documentInput',
    })
  })
})
