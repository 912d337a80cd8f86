import { SignJWT, UnsecuredJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../examples/auth/jwt.js'
import { decodeJwt, LOW_COST, serveForTest } from '../auth/support/http.js'
import { EXAMPLE_DOORS, type ExampleApi, openApi, sendRepeated } from './support/doors.js'

const SECRET = 'jwt-example-secret-that-is-long-enough!!'
const key = new TextEncoder().encode(SECRET)
const now = () => Math.floor(Date.now() / 1000)

/** A token signed with the example's secret, for claims the example itself would never issue. */
function forge(claims: Record<string, unknown>, alg = 'HS256') {
  return new SignJWT(claims).setProtectedHeader({ alg }).sign(key)
}

describe.each(EXAMPLE_DOORS)('examples/auth/jwt.ts via %s', (door) => {
  let api: ExampleApi
  const login = async (email: string, password = 'secret') =>
    api.call('POST', '/login', { json: { email, password } })

  beforeAll(async () => {
    api = await openApi(door, async () =>
      (await import('../../examples/auth/jwt.js')).createApp({ jwtSecret: SECRET, passwordCost: LOW_COST }),
    )
  })
  afterAll(() => api.close())

  describe('POST /login', () => {
    it('returns access and refresh tokens, bearer type and expires_in for each demo user', async () => {
      for (const [email, id, role] of [
        ['alice@example.com', '1', 'admin'],
        ['mo@example.com', '3', 'moderator'],
        ['bob@example.com', '2', 'user'],
      ]) {
        const response = await login(email as string)
        expect(response.status).toBe(200)
        expect(Object.keys(response.body).sort()).toEqual([
          'access_token',
          'expires_in',
          'refresh_token',
          'token_type',
        ])
        expect(response.body).toMatchObject({ token_type: 'bearer', expires_in: 3600 })
        const access = decodeJwt(response.body.access_token)
        expect(access.header.alg).toBe('HS256')
        expect(access.payload).toMatchObject({
          user_id: id,
          email,
          role,
          type: 'access',
          iss: 'restmachine-example',
        })
        expect((access.payload.exp as number) - (access.payload.iat as number)).toBe(3600)
        const refresh = decodeJwt(response.body.refresh_token)
        expect(refresh.payload).toMatchObject({ user_id: id, type: 'refresh', iss: 'restmachine-example' })
        expect((refresh.payload.exp as number) - (refresh.payload.iat as number)).toBe(30 * 86400)
      }
    })

    it('answers a wrong password and an unknown email alike: 401 {"error":"Invalid credentials"}', async () => {
      for (const response of [await login('alice@example.com', 'nope'), await login('eve@example.com')]) {
        expect(response.status).toBe(401)
        expect(response.body).toEqual({ error: 'Invalid credentials' })
        expect(response.headers.get('www-authenticate')).toBe('Bearer')
      }
    })

    it('answers 415 for non-JSON, 400 for malformed JSON, 413 past 1 MiB and 422 for missing fields', async () => {
      const text = await api.call('POST', '/login', { body: 'x', headers: { 'content-type': 'text/plain' } })
      expect(text.status).toBe(415)
      const broken = await api.call('POST', '/login', {
        body: '{"email":',
        headers: { 'content-type': 'application/json' },
      })
      expect(broken.status).toBe(400)
      const huge = await api.call('POST', '/login', {
        body: JSON.stringify({ email: 'a'.repeat(1024 * 1024), password: 'x' }),
        headers: { 'content-type': 'application/json' },
      })
      expect(huge.status).toBe(413)
      const missing = await api.call('POST', '/login', { json: { email: 'alice@example.com' } })
      expect(missing.status).toBe(422)
    })

    it('sends RateLimit headers with every login answer', async () => {
      const response = await login('alice@example.com', 'nope')
      expect(response.headers.get('ratelimit-policy')).toBe('"login";q=100;w=900')
      expect(response.headers.get('ratelimit')).toMatch(/^"login";r=\d+;t=\d+$/)
    })
  })

  describe('GET /profile', () => {
    it('returns the user behind the access token', async () => {
      const { body } = await login('mo@example.com')
      const response = await api.call('GET', '/profile', { token: body.access_token })
      expect(response.status).toBe(200)
      expect(response.body).toEqual({ user: { id: '3', email: 'mo@example.com', role: 'moderator' } })
    })

    it('answers 401 with a plain Bearer challenge without a token', async () => {
      const response = await api.call('GET', '/profile')
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer')
      expect(response.body.error).toBe('Unauthorized')
    })

    it('answers 401 "Token expired" for an expired access token', async () => {
      const expired = await forge({
        user_id: '1',
        email: 'alice@example.com',
        role: 'admin',
        type: 'access',
        iss: 'restmachine-example',
        iat: now() - 7200,
        exp: now() - 60,
      })
      const response = await api.call('GET', '/profile', { token: expired })
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
      expect(response.body).toEqual({ error: 'Unauthorized', message: 'Token expired' })
    })

    it('refuses a refresh token, a wrong issuer, a missing type, alg none, HS512 and a bad signature', async () => {
      const { body } = await login('alice@example.com')
      const claims = { user_id: '1', email: 'alice@example.com', role: 'admin', exp: now() + 600 }
      const cases: [string, string][] = [
        [body.refresh_token, 'Invalid token type'],
        [await forge({ ...claims, type: 'access', iss: 'someone-else' }), 'Invalid token issuer'],
        [await forge({ ...claims, iss: 'restmachine-example' }), 'Invalid token type'],
        [
          new UnsecuredJWT({ ...claims, type: 'access', iss: 'restmachine-example' }).encode(),
          'Invalid token',
        ],
        [await forge({ ...claims, type: 'access', iss: 'restmachine-example' }, 'HS512'), 'Invalid token'],
        [`${body.access_token.slice(0, -2)}xx`, 'Invalid token'],
        ['not-a-jwt', 'Invalid token'],
      ]
      for (const [token, message] of cases) {
        const response = await api.call('GET', '/profile', { token })
        expect(response.status).toBe(401)
        expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
        expect(response.body).toEqual({ error: 'Unauthorized', message })
      }
    })

    it('answers 400 for two Authorization headers', async () => {
      const { body } = await login('alice@example.com')
      const token = `Bearer ${body.access_token}`
      const repeated = await sendRepeated(api, 'GET', '/profile', 'Authorization', [token, token])
      // A single-value ALB passes on the last line only: the function sees one valid token.
      expect(repeated.status).toBe(door === 'alb' ? 200 : 400)
    })
  })

  describe('POST /refresh', () => {
    it('rotates: answers new access and refresh tokens, and the used refresh token then fails', async () => {
      const first = (await login('bob@example.com')).body
      const refreshed = await api.call('POST', '/refresh', { json: { refresh_token: first.refresh_token } })
      expect(refreshed.status).toBe(200)
      expect(Object.keys(refreshed.body).sort()).toEqual([
        'access_token',
        'expires_in',
        'refresh_token',
        'token_type',
      ])
      expect(refreshed.body).toMatchObject({ token_type: 'bearer', expires_in: 3600 })
      expect(refreshed.body.refresh_token).not.toBe(first.refresh_token)
      const profile = await api.call('GET', '/profile', { token: refreshed.body.access_token })
      expect(profile.body.user.id).toBe('2')
      const again = await api.call('POST', '/refresh', { json: { refresh_token: first.refresh_token } })
      expect(again.status).toBe(401)
      expect(again.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
    })

    it('revokes the successor too when a rotated refresh token is reused', async () => {
      const first = (await login('bob@example.com')).body.refresh_token
      const second = (await api.call('POST', '/refresh', { json: { refresh_token: first } })).body
        .refresh_token
      expect((await api.call('POST', '/refresh', { json: { refresh_token: first } })).status).toBe(401)
      const successor = await api.call('POST', '/refresh', { json: { refresh_token: second } })
      expect(successor.status).toBe(401)
    })

    it('keeps working along a chain of rotations', async () => {
      let token = (await login('alice@example.com')).body.refresh_token
      for (let i = 0; i < 3; i++) {
        const response = await api.call('POST', '/refresh', { json: { refresh_token: token } })
        expect(response.status).toBe(200)
        token = response.body.refresh_token
      }
    })

    it('refuses an access token, garbage, a forged refresh token and a non-string with 401/422', async () => {
      const { body } = await login('alice@example.com')
      const forged = await forge({
        user_id: '1',
        type: 'refresh',
        iss: 'restmachine-example',
        fid: 'AAAAAAAAAAAAAAAAAAAAAA',
        jti: 'BBBBBBBBBBBBBBBBBBBBBB',
        exp: now() + 600,
      })
      for (const refresh_token of [body.access_token, 'garbage', forged, '']) {
        const response = await api.call('POST', '/refresh', { json: { refresh_token } })
        expect(response.status).toBe(401)
        expect(response.body.error).toBe('Unauthorized')
      }
      expect((await api.call('POST', '/refresh', { json: { refresh_token: 42 } })).status).toBe(422)
      expect((await api.call('POST', '/refresh', { json: {} })).status).toBe(422)
    })
  })

  describe('POST /logout', () => {
    it('revokes the refresh token: "Logged out successfully", then the token fails', async () => {
      const { body } = await login('alice@example.com')
      const response = await api.call('POST', '/logout', {
        token: body.access_token,
        json: { refresh_token: body.refresh_token },
      })
      expect(response.status).toBe(200)
      expect(response.body).toEqual({ message: 'Logged out successfully' })
      const refresh = await api.call('POST', '/refresh', { json: { refresh_token: body.refresh_token } })
      expect(refresh.status).toBe(401)
    })

    it('needs an access token', async () => {
      const { body } = await login('alice@example.com')
      const response = await api.call('POST', '/logout', { json: { refresh_token: body.refresh_token } })
      expect(response.status).toBe(401)
      const withRefreshAsAccess = await api.call('POST', '/logout', {
        token: body.refresh_token,
        json: { refresh_token: body.refresh_token },
      })
      expect(withRefreshAsAccess.status).toBe(401)
    })

    it('answers 400 for a garbage refresh token and 403 for someone else’s', async () => {
      const alice = (await login('alice@example.com')).body
      const bob = (await login('bob@example.com')).body
      const garbage = await api.call('POST', '/logout', {
        token: alice.access_token,
        json: { refresh_token: 'x' },
      })
      expect(garbage.status).toBe(400)
      const foreign = await api.call('POST', '/logout', {
        token: alice.access_token,
        json: { refresh_token: bob.refresh_token },
      })
      expect(foreign.status).toBe(403)
      expect(
        (await api.call('POST', '/refresh', { json: { refresh_token: bob.refresh_token } })).status,
      ).toBe(200)
    })
  })
})

describe('examples/auth/jwt.ts lifetimes', () => {
  it('takes the access and refresh lifetimes from its settings', async () => {
    const api = await serveForTest(
      createApp({ jwtSecret: SECRET, passwordCost: LOW_COST, accessTokenTtl: 60, refreshTokenTtl: 120 }),
    )
    try {
      const response = await api.call('POST', '/login', {
        json: { email: 'bob@example.com', password: 'secret' },
      })
      expect(response.body.expires_in).toBe(60)
      const refresh = decodeJwt(response.body.refresh_token).payload
      expect((refresh.exp as number) - (refresh.iat as number)).toBe(120)
    } finally {
      await api.close()
    }
  })

  it('answers "Token expired" once an access token outlives ACCESS_TOKEN_TTL plus the clock tolerance', async () => {
    const api = await serveForTest(
      createApp({ jwtSecret: SECRET, passwordCost: LOW_COST, accessTokenTtl: 1, clockTolerance: 0 }),
    )
    try {
      const { body } = await api.call('POST', '/login', {
        json: { email: 'bob@example.com', password: 'secret' },
      })
      expect((await api.call('GET', '/profile', { token: body.access_token })).status).toBe(200)
      await new Promise((resolve) => setTimeout(resolve, 2100))
      const response = await api.call('GET', '/profile', { token: body.access_token })
      expect(response.status).toBe(401)
      expect(response.body.message).toBe('Token expired')
    } finally {
      await api.close()
    }
  })
})
