import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cookiePair, LOW_COST } from '../auth/support/http.js'
import { EXAMPLE_DOORS, type ExampleApi, openApi } from './support/doors.js'

describe.each(EXAMPLE_DOORS)('examples/auth/sessions.ts via %s', (door) => {
  // Every AWS front door is HTTPS (the ALB says so in X-Forwarded-Proto): the cookie is then Secure.
  const secure = door === 'http' ? '' : '; Secure'
  const COOKIE = new RegExp(
    `^session_id=([A-Za-z0-9_-]{43}); HttpOnly; SameSite=Lax; Path=/; Max-Age=604800${secure}$`,
  )
  const CLEARED = `session_id=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0${secure}`
  let api: ExampleApi
  beforeAll(async () => {
    api = await openApi(door, async () =>
      (await import('../../examples/auth/sessions.js')).createApp({ passwordCost: LOW_COST }),
    )
  })
  afterAll(() => api.close())

  // A browser on the API's own page sends its Origin with every POST (Fetch §3.1); curl does not,
  // and the session block refuses unsafe requests that say nothing of where they come from.
  const own = () => ({ origin: api.url })

  const login = async (email = 'alice@example.com', extra: { cookie?: string } = {}) => {
    const response = await api.call('POST', '/login', {
      json: { email, password: 'secret' },
      headers: own(),
      ...extra,
    })
    return { response, cookie: cookiePair(response.headers.get('set-cookie')) }
  }

  it('logs in with 200, the guide’s message and an HttpOnly SameSite=Lax session cookie for 7 days', async () => {
    const { response } = await login()
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ message: 'Logged in successfully' })
    expect(response.headers.get('set-cookie')).toMatch(COOKIE)
  })

  it('answers bad credentials with 401 {"error":"Invalid credentials"} and sets no cookie', async () => {
    const response = await api.call('POST', '/login', {
      json: { email: 'bob@example.com', password: 'nope' },
      headers: own(),
    })
    expect(response.status).toBe(401)
    expect(response.body).toEqual({ error: 'Invalid credentials' })
    expect(response.headers.get('set-cookie')).toBeNull()
  })

  it('serves the profile to the cookie’s holder', async () => {
    const { cookie } = await login('mo@example.com')
    const response = await api.call('GET', '/profile', { cookie })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ user: { id: '3', email: 'mo@example.com', role: 'moderator' } })
  })

  it('answers 401 without a cookie, and 401 clearing the cookie for a garbage or unknown one', async () => {
    const none = await api.call('GET', '/profile')
    expect(none.status).toBe(401)
    expect(none.body).toEqual({ error: 'Unauthorized', message: 'Not authenticated' })
    expect(none.headers.get('www-authenticate')).toBe('Cookie name="session_id"')
    for (const cookie of [
      'session_id=garbage',
      'session_id=%00%01',
      `session_id=${'A'.repeat(43)}`,
      'session_id="x"',
    ]) {
      const response = await api.call('GET', '/profile', { cookie })
      expect(response.status).toBe(401)
      expect(response.body.message).toBe('Invalid session')
      expect(response.headers.get('set-cookie')).toBe(CLEARED)
    }
  })

  it('gives a new session id at every login and destroys the one the request carried (no fixation)', async () => {
    const first = await login('bob@example.com')
    const second = await login('bob@example.com', { cookie: first.cookie })
    expect(second.cookie).not.toBe(first.cookie)
    expect((await api.call('GET', '/profile', { cookie: first.cookie })).status).toBe(401)
    expect((await api.call('GET', '/profile', { cookie: second.cookie })).status).toBe(200)
  })

  it('logs out: clears the cookie with Max-Age=0 and destroys the session server-side', async () => {
    const { cookie } = await login()
    const response = await api.call('POST', '/logout', { cookie, headers: own() })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ message: 'Logged out successfully' })
    expect(response.headers.get('set-cookie')).toBe(CLEARED)
    expect((await api.call('GET', '/profile', { cookie })).status).toBe(401)
    expect((await api.call('POST', '/logout', { cookie, headers: own() })).status).toBe(401)
  })

  describe('CSRF protection of cookie-authenticated unsafe requests', () => {
    it('refuses a foreign Origin and an opaque null Origin with 403, and keeps the session', async () => {
      const { cookie } = await login()
      for (const origin of ['http://evil.example', 'null', 'https://127.0.0.1']) {
        const response = await api.call('POST', '/logout', { cookie, headers: { origin } })
        expect(response.status).toBe(403)
        expect(response.body.error).toBe('Forbidden')
      }
      expect((await api.call('GET', '/profile', { cookie })).status).toBe(200)
    })

    it('refuses Sec-Fetch-Site: cross-site with 403', async () => {
      const { cookie } = await login()
      const response = await api.call('POST', '/logout', {
        cookie,
        headers: { 'sec-fetch-site': 'cross-site' },
      })
      expect(response.status).toBe(403)
    })

    it('lets the server’s own origin, its own Referer and same-site fetches through', async () => {
      const cases: Record<string, string>[] = [
        { origin: api.url },
        { 'sec-fetch-site': 'same-origin', origin: api.url },
        { 'sec-fetch-site': 'same-site' },
        { referer: `${api.url}/account` },
      ]
      for (const headers of cases) {
        const { cookie } = await login()
        const response = await api.call('POST', '/logout', { cookie, headers })
        expect(response.status).toBe(200)
      }
    })

    it('lets safe methods through from anywhere', async () => {
      const { cookie } = await login()
      const response = await api.call('GET', '/profile', {
        cookie,
        headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
      })
      expect(response.status).toBe(200)
    })

    it('refuses a logout and a login that carry no Origin, Referer or Sec-Fetch-Site (curl-style)', async () => {
      const { cookie } = await login()
      const logout = await api.call('POST', '/logout', { cookie })
      expect(logout.status).toBe(403)
      expect(logout.body.message).toMatch(/no Origin, Referer or Sec-Fetch-Site/)
      expect((await api.call('GET', '/profile', { cookie })).status).toBe(200)
      const bare = await api.call('POST', '/login', {
        json: { email: 'alice@example.com', password: 'secret' },
      })
      expect(bare.status).toBe(403)
      expect(bare.headers.get('set-cookie')).toBeNull()
    })

    it('refuses a foreign Referer when Origin is absent', async () => {
      const { cookie } = await login()
      const response = await api.call('POST', '/logout', {
        cookie,
        headers: { referer: 'http://evil.example/attack.html' },
      })
      expect(response.status).toBe(403)
      expect((await api.call('GET', '/profile', { cookie })).status).toBe(200)
    })

    it('refuses a cross-site login too (login CSRF)', async () => {
      const response = await api.call('POST', '/login', {
        json: { email: 'alice@example.com', password: 'secret' },
        headers: { origin: 'http://evil.example' },
      })
      expect(response.status).toBe(403)
      expect(response.headers.get('set-cookie')).toBeNull()
    })
  })
})
