/**
 * The guide's sections written by hand, as a user porting the Python would — the left-hand column
 * of docs/auth.md. They work as the guide's code does (including its flaws, which these tests pin
 * down so the docs' warnings stay true).
 */
import { jwtVerify, SignJWT } from 'jose'
import { Forbidden, RestApplication, respond, Unauthorized } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

describe('the guide by hand: API keys', () => {
  const app = new RestApplication()
    .onStartup('database', () => ({
      api_keys: {
        key_12345: { user_id: '1', name: 'Alice' },
        key_67890: { user_id: '2', name: 'Bob' },
      } as Record<string, { user_id: string; name: string }>,
    }))
    .dependency('apiKey', ({ headers }) => {
      const key = headers.get('x-api-key')
      if (!key) throw new Unauthorized('API key required')
      return key
    })
    .dependency('currentUser', ({ apiKey, database }) => {
      const user = database.api_keys[apiKey]
      if (!user) throw new Unauthorized('Invalid API key')
      return user
    })
  app.get('/protected', ({ currentUser }) => ({
    message: `Hello, ${currentUser.name}!`,
    user_id: currentUser.user_id,
  }))
  app.errorHandler(401, ({ message }) => ({ error: 'Unauthorized', message }))
  const client = createTestClient(app)

  it('works as the guide’s code does', async () => {
    expect((await client.get('/protected', { headers: { 'x-api-key': 'key_12345' } })).json()).toEqual({
      message: 'Hello, Alice!',
      user_id: '1',
    })
    expect((await client.get('/protected')).json()).toEqual({
      error: 'Unauthorized',
      message: 'API key required',
    })
  })

  it('lets `x-api-key: constructor` in: a plain object lookup finds Object.prototype’s members', async () => {
    const response = await client.get('/protected', { headers: { 'x-api-key': 'constructor' } })
    expect(response.status).toBe(200)
    expect(response.json()).toEqual({ message: 'Hello, Object!' })
  })
})

describe('the guide by hand: JWT', () => {
  const SECRET_KEY = new TextEncoder().encode('your-secret-key')
  const app = new RestApplication()
    .dependency('jwtToken', ({ headers }) => {
      const authHeader = headers.get('authorization') ?? ''
      if (!authHeader.startsWith('Bearer ')) throw new Unauthorized('JWT token required')
      return authHeader.slice(7)
    })
    .dependency('currentUser', async ({ jwtToken }) => {
      try {
        const { payload } = await jwtVerify(jwtToken, SECRET_KEY, { algorithms: ['HS256'] })
        return { id: payload.user_id, email: payload.email, role: payload.role ?? 'user' }
      } catch (error) {
        throw new Unauthorized(`Invalid token: ${(error as Error).message}`)
      }
    })
  app.post('/login', async ({ jsonBody }) => {
    const data = jsonBody as { email?: string; password?: string }
    if (data.email === 'alice@example.com' && data.password === 'secret') {
      const token = await new SignJWT({ user_id: '1', email: 'alice@example.com', role: 'admin' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime('24h')
        .sign(SECRET_KEY)
      return { access_token: token, token_type: 'bearer', expires_in: 24 * 3600 }
    }
    return respond({ error: 'Invalid credentials' }, { status: 401 })
  })
  app.get('/profile', ({ currentUser }) => ({ user: currentUser }))
  const client = createTestClient(app)

  it('works as the guide’s code does', async () => {
    const login = await client.post('/login', { json: { email: 'alice@example.com', password: 'secret' } })
    const { access_token } = login.json<{ access_token: string }>()
    const profile = await client.get('/profile', { headers: { authorization: `Bearer ${access_token}` } })
    expect(profile.json()).toEqual({ user: { id: '1', email: 'alice@example.com', role: 'admin' } })
  })

  it('accepts a token anyone can forge with the published default secret, of any type', async () => {
    const forged = await new SignJWT({ user_id: '1', role: 'admin', type: 'refresh' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('your-secret-key'))
    const profile = await client.get('/profile', { headers: { authorization: `Bearer ${forged}` } })
    expect(profile.status).toBe(200)
  })
})

describe('the guide by hand: RBAC', () => {
  const app = new RestApplication()
    .authorized('currentUser', ({ headers }) => {
      const role = headers.get('x-role')
      return role === null ? null : { id: '7', role }
    })
    .dependency('requireAdmin', ({ currentUser }) => {
      if (currentUser.role !== 'admin') throw new Forbidden('Admin access required')
      return currentUser
    })
  app.get('/admin/users', () => ({ users: [] }), { requires: ['requireAdmin'] })
  app.errorHandler(403, ({ message }) => ({ error: 'Forbidden', message }))
  const client = createTestClient(app)

  it('works as the guide’s code does', async () => {
    expect((await client.get('/admin/users', { headers: { 'x-role': 'admin' } })).status).toBe(200)
    expect((await client.get('/admin/users', { headers: { 'x-role': 'user' } })).json()).toEqual({
      error: 'Forbidden',
      message: 'Admin access required',
    })
  })
})

describe('the guide by hand: rate limiting', () => {
  const loginAttempts = new Map<string, number[]>()
  const app = new RestApplication().dependency('rateLimitLogin', ({ headers }) => {
    const ip = headers.get('x-forwarded-for') ?? 'unknown'
    const cutoff = Date.now() - 15 * 60_000
    const attempts = (loginAttempts.get(ip) ?? []).filter((t) => t > cutoff)
    if (attempts.length >= 5) throw new Unauthorized('Too many login attempts. Try again later.')
    attempts.push(Date.now())
    loginAttempts.set(ip, attempts)
    return true
  })
  app.post('/login', () => ({ ok: true }), { requires: ['rateLimitLogin'] })
  const client = createTestClient(app)

  it('is bypassed by a client that sends a new X-Forwarded-For each time', async () => {
    for (let i = 0; i < 20; i++) {
      const response = await client.post('/login', { headers: { 'x-forwarded-for': `10.0.0.${i}` } })
      expect(response.status).toBe(200)
    }
  })
})
