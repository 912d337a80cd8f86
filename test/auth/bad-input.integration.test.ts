import { createTestClient, type TestClient } from 'restmachine/testing'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp as apiKeyApp } from '../../examples/auth/api-key.js'
import { createApp as bearerApp } from '../../examples/auth/bearer.js'
import { createApp as jwtApp } from '../../examples/auth/jwt.js'
import { createApp as rbacApp } from '../../examples/auth/rbac.js'
import { createApp as sessionsApp } from '../../examples/auth/sessions.js'
import { createApp as completeApp } from '../../examples/auth-complete.js'
import { garbageStrings } from '../http/garbage.js'
import { LOW_COST } from './support/http.js'

const SECRET = 'bad-input-secret-that-is-long-enough-for-hs256'
const settings = { jwtSecret: SECRET, passwordCost: LOW_COST, loginRateLimit: 100_000 }

// Header values must be valid field values to be sent at all (RFC 9110 §5.5): no CR, LF or NUL.
const sendable = (value: string) =>
  [...value].every(
    (char) => char.charCodeAt(0) <= 0xff && char !== '\r' && char !== '\n' && char !== '\u0000',
  )
const AUTHORIZATION = garbageStrings(
  150,
  ['Bearer ', 'bearer', 'Basic ', 'eyJ', '.', 'key_12345', 'valid_token_123'],
  7,
)
  .filter(sendable)
  .concat(['Bearer ' + 'a'.repeat(20_000), 'Bearer eyJhbGciOiJub25lIn0.e30.', 'Bearer ..', 'Bearer a.b.c.d'])
const COOKIES = garbageStrings(100, ['session_id=', ';', '=', 'AAAA', '%', '"'], 11)
  .filter(sendable)
  .concat([`session_id=${'A'.repeat(43)}`, 'session_id=', 'session_id', `session_id=${'x'.repeat(5000)}`])

const apps = {
  'api-key': () => apiKeyApp(),
  bearer: () => bearerApp(),
  jwt: () => jwtApp(settings),
  rbac: () => rbacApp(settings),
  sessions: () => sessionsApp(settings),
  'auth-complete': () => completeApp(settings),
}

const ROUTES: Record<keyof typeof apps, [string, string][]> = {
  'api-key': [['GET', '/protected']],
  bearer: [['GET', '/protected']],
  jwt: [
    ['GET', '/profile'],
    ['POST', '/refresh'],
    ['POST', '/logout'],
  ],
  rbac: [
    ['GET', '/posts'],
    ['PUT', '/posts/1'],
    ['DELETE', '/users/2'],
    ['GET', '/admin/users'],
  ],
  sessions: [
    ['GET', '/profile'],
    ['POST', '/logout'],
  ],
  'auth-complete': [
    ['GET', '/profile'],
    ['DELETE', '/posts/1'],
  ],
}

describe.each(Object.keys(apps) as (keyof typeof apps)[])(
  'examples/auth %s with garbage credentials',
  (name) => {
    let client: TestClient
    beforeAll(() => {
      client = createTestClient(apps[name]())
    })

    it('answers garbage Authorization, x-api-key and Cookie values without a 5xx', async () => {
      for (const [method, path] of ROUTES[name]) {
        for (const value of AUTHORIZATION) {
          const headers = { authorization: value, 'x-api-key': value, 'content-type': 'application/json' }
          const response = await client.request(method, path, { headers, body: '{"refresh_token":"x"}' })
          expect(response.status, `${method} ${path} with ${JSON.stringify(value)}`).toBeLessThan(500)
        }
        for (const cookie of COOKIES) {
          // The own Origin (the client's Host is localhost), so the cookie itself is what gets judged.
          const headers = { cookie, origin: 'http://localhost' }
          const response = await client.request(method, path, { headers })
          expect(response.status, `${method} ${path} with cookie ${JSON.stringify(cookie)}`).toBeLessThan(500)
        }
      }
    })

    it('answers garbage login bodies with 4xx, never 5xx', async () => {
      if (name === 'api-key' || name === 'bearer') return
      const bodies = [
        '',
        'null',
        '[]',
        '"x"',
        '{"email":null,"password":null}',
        '{"email":"alice@example.com","password":{"$gt":""}}',
        `{"email":"alice@example.com","password":"${'x'.repeat(100_000)}"}`,
        '{"__proto__":{"admin":true},"email":"a","password":"b"}',
        '{"email":"\\ud800","password":"secret"}',
      ]
      for (const body of bodies) {
        const response = await client.post('/login', {
          body,
          headers: { 'content-type': 'application/json' },
        })
        expect(response.status, body.slice(0, 60)).toBeGreaterThanOrEqual(400)
        expect(response.status, body.slice(0, 60)).toBeLessThan(500)
      }
    })
  },
)
