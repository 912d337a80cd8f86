import { RestApplication } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { apiKey, bearerAuth, createJwt, jwtBearer, optional, sha256Base64Url } from '../../src/auth/index.js'

const jwt = createJwt({ secret: 'credentials-test-secret-of-32-bytes!!', issuer: 'test' })
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })

describe('apiKey', () => {
  it('accepts your own lookup (e.g. by digest) and custom header and messages', async () => {
    const digests = new Map([[await sha256Base64Url('k-1'), { name: 'svc' }]])
    const app = new RestApplication().authorized(
      'caller',
      apiKey({
        header: 'X-Service-Key',
        verify: async (key) => digests.get(await sha256Base64Url(key)),
        missingMessage: 'Key please',
      }),
    )
    app.get('/', ({ caller }) => caller)
    const client = createTestClient(app)
    expect((await client.get('/', { headers: { 'x-service-key': 'k-1' } })).json()).toEqual({ name: 'svc' })
    const missing = await client.get('/')
    expect(missing.json()).toMatchObject({ message: 'Key please' })
    expect(missing.headers.get('www-authenticate')).toBe('ApiKey header="x-service-key"')
    expect((await client.get('/', { headers: { 'x-service-key': 'k-2' } })).status).toBe(401)
  })

  it('needs exactly one of keys or verify', () => {
    expect(() => apiKey({})).toThrow(TypeError)
    expect(() => apiKey({ keys: { a: 1 }, verify: () => 1 })).toThrow(TypeError)
  })
})

describe('bearerAuth', () => {
  it('passes the token to your check and answers invalid_token when it says no', async () => {
    const app = new RestApplication().authorized(
      'user',
      bearerAuth({ verify: (token) => (token === 'good' ? { id: 'u' } : null), realm: 'api' }),
    )
    app.get('/', ({ user }) => user)
    const client = createTestClient(app)
    expect((await client.get('/', bearer('good'))).json()).toEqual({ id: 'u' })
    const bad = await client.get('/', bearer('bad'))
    expect(bad.status).toBe(401)
    expect(bad.headers.get('www-authenticate')).toBe('Bearer realm="api", error="invalid_token"')
    expect((await client.get('/')).headers.get('www-authenticate')).toBe('Bearer realm="api"')
  })
})

describe('jwtBearer', () => {
  const Claims = z.object({ user_id: z.string(), role: z.enum(['admin', 'user']) })

  it('validates the claims with a schema and maps them to the injected user', async () => {
    const app = new RestApplication().authorized(
      'currentUser',
      jwtBearer(jwt, {
        schema: Claims,
        user: (claims) => ({ id: claims.user_id, admin: claims.role === 'admin' }),
      }),
    )
    app.get('/', ({ currentUser }) => currentUser)
    const client = createTestClient(app)
    const good = await jwt.sign({ user_id: '1', role: 'admin' }, { type: 'access', expiresIn: 60 })
    expect((await client.get('/', bearer(good))).json()).toEqual({ id: '1', admin: true })
    const odd = await jwt.sign({ user_id: 1, role: 'root' }, { type: 'access', expiresIn: 60 })
    const response = await client.get('/', bearer(odd))
    expect(response.status).toBe(401)
    expect(response.json()).toMatchObject({ message: 'Invalid token claims' })
  })

  it('answers 401 "Unknown user" when the mapping finds nobody, and refuses other token types', async () => {
    const app = new RestApplication().authorized('currentUser', jwtBearer(jwt, { user: () => null }))
    app.get('/', ({ currentUser }) => currentUser)
    const client = createTestClient(app)
    const access = await jwt.sign({}, { type: 'access', expiresIn: 60 })
    expect((await client.get('/', bearer(access))).json()).toMatchObject({ message: 'Unknown user' })
    const refresh = await jwt.sign({}, { type: 'refresh', expiresIn: 60 })
    expect((await client.get('/', bearer(refresh))).json()).toMatchObject({ message: 'Invalid token type' })
  })

  it('builds its own verifier from options', async () => {
    const app = new RestApplication().authorized(
      'claims',
      jwtBearer({ secret: 'x'.repeat(32) }, { type: false }),
    )
    app.get('/', ({ claims }) => ({ sub: claims.sub }))
    const token = await createJwt({ secret: 'x'.repeat(32) }).sign({}, { expiresIn: 60, subject: 's' })
    expect((await createTestClient(app).get('/', bearer(token))).json()).toEqual({ sub: 's' })
  })
})

describe('optional', () => {
  const make = (invalid?: 'reject' | 'anonymous') => {
    const app = new RestApplication().dependency('maybeUser', optional(jwtBearer(jwt), { invalid }))
    app.get('/', ({ maybeUser }) => ({ user: maybeUser === null ? null : maybeUser.user_id }))
    return createTestClient(app)
  }

  it('injects null instead of answering 401 when no credentials are sent', async () => {
    expect((await make().get('/')).json()).toEqual({ user: null })
    expect((await make().get('/', { headers: { authorization: 'Basic eDp5' } })).json()).toEqual({
      user: null,
    })
  })

  it('injects the user when valid credentials are sent', async () => {
    const token = await jwt.sign({ user_id: '5' }, { type: 'access', expiresIn: 60 })
    expect((await make().get('/', bearer(token))).json()).toEqual({ user: '5' })
  })

  it('still answers 401 for credentials that do not verify, unless told to treat them as anonymous', async () => {
    const rejected = await make().get('/', bearer('garbage'))
    expect(rejected.status).toBe(401)
    expect(rejected.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
    expect((await make('anonymous').get('/', bearer('garbage'))).json()).toEqual({ user: null })
  })

  it('still answers 400 for ambiguous credentials', async () => {
    const response = await make('anonymous').get('/', {
      headers: { authorization: ['Bearer a', 'Bearer b'] },
    })
    expect(response.status).toBe(400)
  })
})
