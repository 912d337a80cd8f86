import { ConfigurationError, RestApplication, respond } from 'restmachine'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { defined } from '../support/defined.js'

const User = z.object({
  id: z.string(),
  name: z.string(),
  age: z.number().int(),
  email: z.string().nullable(),
})

const STORED = { id: 'u1', name: 'Ada', age: 36, email: null, passwordHash: '$argon2id$v=19$secret' }

interface Logged {
  message: string
  details: Record<string, unknown>
}

/** An application with `returns` on its routes, logging into `logged`. */
function application(logged: Logged[]) {
  const app = new RestApplication({
    logger: { error: (message, details) => logged.push({ message, details }) },
  })
  app.get('/users/{id}', () => STORED, { returns: User })
  // The two wrong shapes below do not compile (the handler must return the schema's output); what
  // happens when one gets through anyway (a cast, `any`, JavaScript) is what these tests check.
  // @ts-expect-error: age is declared a number
  app.get('/broken', () => ({ ...STORED, age: 'thirty-six' }), { returns: User })
  // @ts-expect-error: name is missing
  app.get('/missing', () => ({ id: 'u2', age: 1, email: null }), { returns: User })
  app.post('/users', () => respond(STORED, { status: 201, headers: { location: '/users/u1' } }), {
    returns: User,
  })
  app.get('/users/{id}/card', () => STORED, {
    returns: User,
    provides: ['application/json', 'text/html'],
  })
  app.get('/plain-schema', () => ({ total: 3, secret: 's' }), {
    returns: { type: 'object', properties: { total: { type: 'integer' } }, required: ['total'] },
  })
  return app
}

const get = (app: RestApplication, path: string, headers: Record<string, string> = {}) =>
  app.fetch(new Request(`http://localhost${path}`, { headers }))

describe('a route that declares returns', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('sends the declared properties only, as JSON, leaving out the password hash', async () => {
    const response = await get(application([]), '/users/u1')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.text()).toBe('{"id":"u1","name":"Ada","age":36,"email":null}')
  })

  it('writes a Reply value through the schema too, keeping its status and headers', async () => {
    const app = application([])
    const response = await app.fetch(new Request('http://localhost/users', { method: 'POST' }))
    expect(response.status).toBe(201)
    expect(response.headers.get('location')).toBe('/users/u1')
    expect(await response.text()).toBe('{"id":"u1","name":"Ada","age":36,"email":null}')
  })

  it('uses the schema for the JSON representation and leaves the HTML renderer as it was', async () => {
    const app = application([])
    expect(await (await get(app, '/users/u1/card')).text()).not.toContain('passwordHash')
    const html = await (await get(app, '/users/u1/card', { accept: 'text/html' })).text()
    expect(html).toContain('passwordHash')
  })

  it('accepts a plain JSON Schema object', async () => {
    expect(await (await get(application([]), '/plain-schema')).text()).toBe('{"total":3}')
  })

  it('answers a 500 with the generic message outside production when the body has the wrong shape, and logs where', async () => {
    const logged: Logged[] = []
    const response = await get(application(logged), '/broken')
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(text).not.toContain('schema')
    expect(text).not.toContain('thirty-six')
    expect(JSON.parse(text).error).toBe('Internal Server Error')
    const error = defined(logged[0], 'a logged error').details.error as Error
    expect(error.message).toBe(
      "response body does not match the route's declared schema at $.age: expected integer, got string",
    )
  })

  it('answers a 500 when a required property is missing', async () => {
    const logged: Logged[] = []
    expect((await get(application(logged), '/missing')).status).toBe(500)
    expect((defined(logged[0], 'a logged error').details.error as Error).message).toContain(
      'at $.name: expected a present property',
    )
  })

  it('sends the body and logs the mismatch in production, undeclared properties still dropped', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const logged: Logged[] = []
    const response = await get(application(logged), '/broken')
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('{"id":"u1","name":"Ada","age":"thirty-six","email":null}')
    expect(logged).toHaveLength(1)
    expect(logged[0]?.message).toContain('does not match')
    expect(logged[0]?.details).toMatchObject({ route: 'route GET /broken', at: '$.age', expected: 'integer' })
  })

  it('refuses at start a Standard Schema without a JSON Schema converter', async () => {
    const app = new RestApplication()
    const opaque = { '~standard': { version: 1, vendor: 'x', validate: () => ({ value: 1 }) } }
    app.get('/x', () => ({}), { returns: opaque })
    await expect(app.start()).rejects.toThrow(ConfigurationError)
  })

  it('documents the success response with the declared schema in OpenAPI', async () => {
    const document = application([]).openapi({ title: 'Users', version: '1' }) as {
      paths: Record<
        string,
        { get: { responses: Record<string, { content: Record<string, { schema: unknown }> }> } }
      >
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> }
    }
    const schema = document.paths['/users/{id}']?.get.responses['200']?.content['application/json']
      ?.schema as {
      $ref: string
    }
    const name = schema.$ref.split('/').pop() as string
    expect(Object.keys(document.components.schemas[name]?.properties ?? {})).toEqual([
      'id',
      'name',
      'age',
      'email',
    ])
  })
})
