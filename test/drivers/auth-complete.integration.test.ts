import { createTestClient, type TestClient } from 'restmachine/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../examples/auth-complete.js'
import { allDrivers } from './drivers.js'

const SECRET = 'drivers-secret-that-is-long-enough-for-hs256'

describe.each(
  allDrivers(() => createApp({ jwtSecret: SECRET })).map((driver) => [driver.name, driver] as const),
)('examples/auth-complete.ts via %s', (_name, driver) => {
  let client: TestClient
  const token: Record<string, string> = {}
  const bearer = (who: string) => ({ headers: { authorization: `Bearer ${token[who]}` } })

  beforeAll(async () => {
    client = createTestClient(driver)
    for (const [who, email] of [
      ['alice', 'alice@example.com'],
      ['bob', 'bob@example.com'],
    ]) {
      const login = await client.post('/login', { json: { email, password: 'secret' } })
      expect(login.status).toBe(200)
      token[who as string] = login.json<{ access_token: string }>().access_token
    }
  })
  afterAll(() => client.close())

  it('logs in and serves the profile of the token holder', async () => {
    const profile = await client.get('/profile', bearer('bob'))
    expect(profile.status).toBe(200)
    expect(profile.headers.get('content-type')).toBe('application/json')
    expect(profile.json()).toEqual({ user: { id: '2', email: 'bob@example.com', role: 'user' } })
  })

  it('answers 401 with a Bearer challenge without a token, and 401 invalid_token for a bad one', async () => {
    const anonymous = await client.get('/profile')
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer')
    const forged = await client.get('/profile', { headers: { authorization: 'Bearer not.a.jwt' } })
    expect(forged.status).toBe(401)
    expect(forged.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
  })

  it('answers 401 before 404 for anonymous callers and 404 for signed-in ones', async () => {
    expect((await client.get('/posts/999')).status).toBe(401)
    expect((await client.get('/posts/999', bearer('bob'))).status).toBe(404)
  })

  it('refuses non-admins with 403 and lets admins list users', async () => {
    const bob = await client.get('/admin/users', bearer('bob'))
    expect(bob.status).toBe(403)
    expect(bob.json()).toEqual({ error: 'Forbidden', message: 'Admin access required' })
    expect((await client.get('/admin/users', bearer('alice'))).status).toBe(200)
  })

  it('answers HEAD with the GET status and Content-Length and no content', async () => {
    const get = await client.get('/posts/1', bearer('bob'))
    const head = await client.head('/posts/1', bearer('bob'))
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(String(get.body.byteLength))
    expect(head.body.byteLength).toBe(0)
  })

  it('validates login bodies: 415 for the wrong type, 400 for broken JSON, 422 with details', async () => {
    const wrongType = await client.post('/login', {
      body: 'email=x',
      headers: { 'content-type': 'text/plain' },
    })
    expect(wrongType.status).toBe(415)
    const broken = await client.post('/login', {
      body: '{"email":',
      headers: { 'content-type': 'application/json' },
    })
    expect(broken.status).toBe(400)
    const invalid = await client.post('/login', { json: { email: 'not-an-email' } })
    expect(invalid.status).toBe(422)
  })

  it('answers 405 with Allow for a method the route does not have', async () => {
    const response = await client.put('/profile', bearer('bob'))
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toContain('GET')
  })

  it('lets the owner delete a post with 204 and no content', async () => {
    expect((await client.delete('/posts/1', bearer('bob'))).status).toBe(403)
    const deleted = await client.delete('/posts/2', bearer('bob'))
    expect(deleted.status).toBe(204)
    expect(deleted.text).toBe('')
  })
})
