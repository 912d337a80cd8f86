import { SignJWT, UnsecuredJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defined } from '../support/defined.js'
import { EXAMPLE_DOORS, type OpenDoor, openDoor } from './support/doors.js'

const SECRET = 'test-secret-that-is-long-enough-for-hs256!'
const key = new TextEncoder().encode(SECRET)

/** A fresh copy of the example on a door (each door gets its own users, posts and rate limits). */
const openExample = (door: Parameters<typeof openDoor>[0], settings: Record<string, unknown> = {}) =>
  openDoor(door, async () =>
    (await import('../../examples/auth-complete.js')).createApp({ jwtSecret: SECRET, ...settings }),
  )

describe.each(EXAMPLE_DOORS)('examples/auth-complete.ts via %s', (door) => {
  let open: OpenDoor
  let url: string
  const fetch = (input: string, init?: RequestInit) => open.fetch(input, init)
  const tokens: Record<string, string> = {}

  async function call(
    method: string,
    path: string,
    init: { token?: string; json?: unknown; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers }
    if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`
    if (init.json !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    })
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: text === '' ? undefined : JSON.parse(text),
    }
  }

  beforeAll(async () => {
    // A generous login limit here: these cases log in far more than 5 times; the limit has its own tests.
    open = await openExample(door, { loginRateLimit: 1000 })
    url = open.url
    for (const [name, email] of [
      ['alice', 'alice@example.com'],
      ['bob', 'bob@example.com'],
    ] as const) {
      const login = await call('POST', '/login', { json: { email, password: 'secret' } })
      tokens[name] = login.body.access_token
    }
  })
  afterAll(() => open.close())

  describe('POST /login', () => {
    it('returns an HS256 access token carrying user_id, email, role, iat and exp', async () => {
      const response = await call('POST', '/login', {
        json: { email: 'alice@example.com', password: 'secret' },
      })
      expect(response.status).toBe(200)
      expect(response.body).toMatchObject({ token_type: 'bearer', expires_in: 86400 })
      const [header, payload] = (response.body.access_token as string)
        .split('.')
        .slice(0, 2)
        .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()))
      expect(header.alg).toBe('HS256')
      expect(payload).toMatchObject({ user_id: '1', email: 'alice@example.com', role: 'admin' })
      expect(payload.exp - payload.iat).toBe(86400)
    })

    it('answers a wrong password and an unknown email alike with 401 Invalid credentials', async () => {
      const wrong = await call('POST', '/login', { json: { email: 'alice@example.com', password: 'nope' } })
      const unknown = await call('POST', '/login', { json: { email: 'eve@example.com', password: 'secret' } })
      for (const response of [wrong, unknown]) {
        expect(response.status).toBe(401)
        expect(response.body).toEqual({ error: 'Invalid credentials' })
      }
    })

    // A timing property of the app, not of the transport: measured once, over HTTP, where it is
    // least disturbed (seven runs on a busy machine only multiply the chance of a noisy sample).
    it.runIf(door === 'http')(
      'takes about the same time for an unknown email as for a wrong password',
      async () => {
        const time = async (email: string) => {
          const started = performance.now()
          await call('POST', '/login', { json: { email, password: 'wrong' } })
          return performance.now() - started
        }
        const median = (values: number[]) =>
          defined(values.sort((a, b) => a - b)[Math.floor(values.length / 2)], 'a median')
        const known: number[] = []
        const unknown: number[] = []
        for (let i = 0; i < 5; i++) {
          known.push(await time('alice@example.com'))
          unknown.push(await time('nobody@example.com'))
        }
        // Both verify one argon2id hash; without the dummy hash the unknown email would be ~100× faster.
        expect(median(unknown)).toBeGreaterThan(median(known) * 0.5)
      },
    )

    it('answers 422 with field errors for an invalid body and 400 for malformed JSON', async () => {
      const invalid = await call('POST', '/login', { json: { email: 'not-an-email', password: 5 } })
      expect(invalid.status).toBe(422)
      expect(invalid.body.details.map((d: { loc: string[] }) => d.loc)).toEqual([['email'], ['password']])
      const malformed = await call('POST', '/login', {
        headers: { 'content-type': 'application/json' },
        json: undefined,
      }).then(() =>
        fetch(`${url}/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"email":',
        }),
      )
      expect(malformed.status).toBe(400)
      expect(await malformed.json()).toMatchObject({ error: 'Bad Request' })
    })

    it('answers 415 for a body that is not JSON', async () => {
      const response = await fetch(`${url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'x',
      })
      expect(response.status).toBe(415)
    })
  })

  describe('GET /profile', () => {
    it('returns the current user', async () => {
      const response = await call('GET', '/profile', { token: tokens.alice })
      expect(response.body).toEqual({ user: { id: '1', email: 'alice@example.com', role: 'admin' } })
    })

    it('answers 401 with a Bearer challenge without a token', async () => {
      const response = await call('GET', '/profile')
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer')
      expect(response.body).toEqual({ error: 'Unauthorized', message: 'Authentication required' })
    })

    it('refuses bad signatures, other algorithms, alg none and expired tokens with invalid_token', async () => {
      const claims = { user_id: '1', email: 'alice@example.com', role: 'admin' }
      const wrongKey = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('another-secret-another-secret-another'))
      const otherAlgorithm = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS512' })
        .setExpirationTime('1h')
        .sign(key)
      const none = new UnsecuredJWT(claims).setExpirationTime('1h').encode()
      const expired = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(key)
      for (const token of [wrongKey, otherAlgorithm, none, expired, 'garbage', `${tokens.alice}x`]) {
        const response = await call('GET', '/profile', { token })
        expect(response.status).toBe(401)
        expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
        expect(response.body.error).toBe('Unauthorized')
      }
      expect((await call('GET', '/profile', { token: expired })).body.message).toBe('Token expired')
    })
  })

  describe('GET /admin/users', () => {
    it('lists users without password hashes for an admin', async () => {
      const response = await call('GET', '/admin/users', { token: tokens.alice })
      expect(response.body).toEqual({
        users: [
          { id: '1', email: 'alice@example.com', role: 'admin' },
          { id: '2', email: 'bob@example.com', role: 'user' },
        ],
      })
    })

    it('answers 403 Admin access required for a user, and 401 for anonymous callers', async () => {
      const response = await call('GET', '/admin/users', { token: tokens.bob })
      expect(response.status).toBe(403)
      expect(response.body).toEqual({ error: 'Forbidden', message: 'Admin access required' })
      expect((await call('GET', '/admin/users')).status).toBe(401)
    })
  })

  describe('posts', () => {
    it('returns a post to an authenticated user', async () => {
      const response = await call('GET', '/posts/2', { token: tokens.alice })
      expect(response.body).toEqual({ id: '2', title: 'Post 2', author_id: '2' })
    })

    it('answers 404 for a missing post, but 401 to anonymous callers either way', async () => {
      expect((await call('GET', '/posts/99', { token: tokens.bob })).status).toBe(404)
      expect((await call('GET', '/posts/99')).status).toBe(401)
      expect((await call('GET', '/posts/1')).status).toBe(401)
    })

    it('forbids deleting another user’s post', async () => {
      const response = await call('DELETE', '/posts/1', { token: tokens.bob })
      expect(response.status).toBe(403)
      expect(response.body).toEqual({ error: 'Forbidden', message: 'Not authorized to modify this post' })
    })

    it('lets the owner delete their post with 204 and no body, after which it is gone', async () => {
      const response = await call('DELETE', '/posts/2', { token: tokens.bob })
      expect(response.status).toBe(204)
      expect(response.text).toBe('')
      expect(response.headers.get('content-length')).toBeNull()
      expect((await call('GET', '/posts/2', { token: tokens.bob })).status).toBe(404)
      expect((await call('DELETE', '/posts/2', { token: tokens.bob })).status).toBe(404)
    })

    it('lets an admin delete anyone’s post', async () => {
      expect((await call('DELETE', '/posts/1', { token: tokens.alice })).status).toBe(204)
    })

    it('answers 405 with Allow for an unrouted method on a known path', async () => {
      const response = await call('PUT', '/posts/1', { token: tokens.alice, json: {} })
      expect(response.status).toBe(405)
      expect(response.headers.get('allow')).toBe('DELETE, GET, HEAD, OPTIONS')
    })
  })
})

describe.each(EXAMPLE_DOORS)('examples/auth-complete.ts best practices via %s', (door) => {
  let open: OpenDoor
  let url: string
  const fetch = (input: string, init?: RequestInit) => open.fetch(input, init)
  const login = (password: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email: 'alice@example.com', password }),
    })

  beforeAll(async () => {
    open = await openExample(door)
    url = open.url
  })
  afterAll(() => open.close())

  it('rate-limits POST /login: 5 attempts per 15 minutes per client, successful or not, then 429', async () => {
    const statuses: number[] = []
    for (const password of ['nope', 'secret', 'nope', 'secret', 'nope'])
      statuses.push((await login(password)).status)
    expect(statuses).toEqual([401, 200, 401, 200, 401])
    const sixth = await login('secret')
    expect(sixth.status).toBe(429)
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(890)
    expect(Number(sixth.headers.get('retry-after'))).toBeLessThanOrEqual(900)
    expect(sixth.headers.get('ratelimit-policy')).toBe('"login";q=5;w=900')
    expect(sixth.headers.get('ratelimit')).toMatch(/^"login";r=0;t=\d+$/)
    expect(await sixth.json()).toEqual({
      error: 'Too Many Requests',
      message: 'Too many requests; try again later',
    })
  })

  it('ignores X-Forwarded-For, so a client cannot pick a fresh bucket', async () => {
    const spoofed = await login('secret', { 'x-forwarded-for': '203.0.113.99' })
    expect(spoofed.status).toBe(429)
  })

  it('counts malformed attempts too, and leaves other routes alone', async () => {
    const malformed = await fetch(`${url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    })
    expect(malformed.status).toBe(429)
    expect((await fetch(`${url}/profile`)).status).toBe(401)
  })
})

describe.each(EXAMPLE_DOORS)('examples/auth-complete.ts token checks via %s', (door) => {
  let open: OpenDoor
  const fetch = (input: string, init?: RequestInit) => open.fetch(input, init)
  beforeAll(async () => {
    open = await openExample(door)
  })
  afterAll(() => open.close())

  const profile = (token: string) =>
    fetch(`${open.url}/profile`, { headers: { authorization: `Bearer ${token}` } }).then(
      async (response) => ({
        status: response.status,
        body: await response.json(),
      }),
    )

  it('issues access tokens carrying type "access" and the issuer', async () => {
    const response = await fetch(`${open.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bob@example.com', password: 'secret' }),
    })
    const { access_token } = await response.json()
    const payload = JSON.parse(Buffer.from(access_token.split('.')[1], 'base64url').toString())
    expect(payload).toMatchObject({ user_id: '2', type: 'access', iss: 'restmachine-example' })
    expect((await profile(access_token)).status).toBe(200)
  })

  it('refuses a validly signed token of another type or issuer', async () => {
    const claims = { user_id: '1', email: 'alice@example.com', role: 'admin' }
    const sign = (extra: Record<string, unknown>) =>
      new SignJWT({ ...claims, ...extra })
        .setProtectedHeader({ alg: 'HS256' })
        .setExpirationTime('1h')
        .sign(key)
    expect(await profile(await sign({ type: 'refresh', iss: 'restmachine-example' }))).toEqual({
      status: 401,
      body: { error: 'Unauthorized', message: 'Invalid token type' },
    })
    expect(await profile(await sign({ type: 'access', iss: 'elsewhere' }))).toEqual({
      status: 401,
      body: { error: 'Unauthorized', message: 'Invalid token issuer' },
    })
    expect((await profile(await sign({ type: 'access', iss: 'restmachine-example' }))).status).toBe(200)
  })
})
