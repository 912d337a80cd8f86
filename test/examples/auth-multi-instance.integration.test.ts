import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callJson, cookiePair } from '../auth/support/http.js'
import { type ExampleProcess, startExample } from '../auth/support/processes.js'
import { defined } from '../support/defined.js'
import { deleteRedisKeys, describeWithRedis, uniqueRedisPrefix } from '../support/redis.js'

const SECRET = 'multi-instance-secret-that-is-long-enough'
const credentials = { json: { email: 'alice@example.com', password: 'secret' } }

describeWithRedis('two instances of an example sharing Redis (real processes)', (url) => {
  const prefix = uniqueRedisPrefix('auth-examples')
  const instances: Record<string, [ExampleProcess, ExampleProcess]> = {}

  beforeAll(async () => {
    const start = (script: string, name: string, extra: Record<string, string> = {}) => {
      const env = { REDIS_URL: url, REDIS_PREFIX: `${prefix}${name}:`, JWT_SECRET_KEY: SECRET, ...extra }
      return Promise.all([startExample(script, env), startExample(script, env)])
    }
    const [jwt, sessions, complete] = await Promise.all([
      start('auth/jwt.ts', 'jwt', { LOGIN_RATE_LIMIT: '4' }),
      start('auth/sessions.ts', 'sessions', { LOGIN_RATE_LIMIT: '4' }),
      start('auth-complete.ts', 'complete'),
    ])
    instances.jwt = jwt
    instances.sessions = sessions
    instances.complete = complete
  }, 60_000)

  afterAll(async () => {
    await Promise.all(
      Object.values(instances)
        .flat()
        .map((instance) => instance.stop()),
    )
    await deleteRedisKeys(url, prefix)
  })

  describe('jwt.ts', () => {
    it('rotates a refresh token on the other instance, and detects its reuse across both', async () => {
      const [a, b] = defined(instances.jwt, 'two jwt instances (beforeAll)')
      const login = await callJson(a.url, 'POST', '/login', credentials)
      expect(login.status).toBe(200)
      const rotated = await callJson(b.url, 'POST', '/refresh', {
        json: { refresh_token: login.body.refresh_token },
      })
      expect(rotated.status).toBe(200)
      expect((await callJson(a.url, 'GET', '/profile', { token: rotated.body.access_token })).status).toBe(
        200,
      )
      const reuse = await callJson(a.url, 'POST', '/refresh', {
        json: { refresh_token: login.body.refresh_token },
      })
      expect(reuse.status).toBe(401)
      const successor = await callJson(b.url, 'POST', '/refresh', {
        json: { refresh_token: rotated.body.refresh_token },
      })
      expect(successor.status).toBe(401)
    })

    it('sees a logout on one instance at once on the other, and adds up login attempts', async () => {
      const [a, b] = defined(instances.jwt, 'two jwt instances (beforeAll)')
      const { body } = await callJson(b.url, 'POST', '/login', credentials)
      const logout = await callJson(a.url, 'POST', '/logout', {
        token: body.access_token,
        json: { refresh_token: body.refresh_token },
      })
      expect(logout.body).toEqual({ message: 'Logged out successfully' })
      expect(
        (await callJson(b.url, 'POST', '/refresh', { json: { refresh_token: body.refresh_token } })).status,
      ).toBe(401)
      // Two logins so far in this file; the limit is 4 across both instances.
      const statuses = [
        (await callJson(a.url, 'POST', '/login', credentials)).status,
        (await callJson(b.url, 'POST', '/login', credentials)).status,
        (await callJson(a.url, 'POST', '/login', credentials)).status,
      ]
      expect(statuses).toEqual([200, 200, 429])
    })
  })

  describe('sessions.ts', () => {
    it('serves a session made on one instance on the other, and a logout on either ends it everywhere', async () => {
      const [a, b] = defined(instances.sessions, 'two sessions instances (beforeAll)')
      const login = await callJson(a.url, 'POST', '/login', { ...credentials, headers: { origin: a.url } })
      const cookie = cookiePair(login.headers.get('set-cookie'))
      const profile = await callJson(b.url, 'GET', '/profile', { cookie })
      expect(profile.body).toEqual({ user: { id: '1', email: 'alice@example.com', role: 'admin' } })
      expect((await callJson(b.url, 'POST', '/logout', { cookie, headers: { origin: b.url } })).status).toBe(
        200,
      )
      expect((await callJson(a.url, 'GET', '/profile', { cookie })).status).toBe(401)
    })

    it('adds up login attempts across both instances', async () => {
      const [a, b] = defined(instances.sessions, 'two sessions instances (beforeAll)')
      // Each POST carries the Origin a browser on that instance's page would send.
      const from = (url: string, json = credentials.json) => ({ json, headers: { origin: url } })
      const statuses = [
        (await callJson(b.url, 'POST', '/login', from(b.url))).status,
        (await callJson(a.url, 'POST', '/login', from(a.url, { email: 'x@example.com', password: 'x' })))
          .status,
        (await callJson(b.url, 'POST', '/login', from(b.url))).status,
        (await callJson(a.url, 'POST', '/login', from(a.url))).status,
      ]
      expect(statuses).toEqual([200, 401, 200, 429])
    })
  })

  describe('auth-complete.ts', () => {
    it('accepts a token from either instance and rate-limits logins across both: the 6th attempt gets 429', async () => {
      const [a, b] = defined(instances.complete, 'two complete instances (beforeAll)')
      const first = await callJson(a.url, 'POST', '/login', credentials)
      expect((await callJson(b.url, 'GET', '/profile', { token: first.body.access_token })).status).toBe(200)
      const statuses = [first.status]
      for (const instance of [b, a, b, a, b]) {
        statuses.push((await callJson(instance.url, 'POST', '/login', credentials)).status)
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429])
      const sixth = await callJson(a.url, 'POST', '/login', credentials)
      expect(sixth.status).toBe(429)
      expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0)
    })
  })
})
