import { RestApplication } from 'restmachine'
import { RedisStore } from 'restmachine/redis'
import { createTestClient } from 'restmachine/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { type CookieSessionsOptions, cookieSessions } from '../../src/auth/index.js'
import { RequestHeaders } from '../../src/http/request-headers.js'
import { RestRequest } from '../../src/http/rest-request.js'
import { MemoryStore, StoreUnavailableError, type TtlStore } from '../../src/stores/index.js'
import { deleteRedisKeys, describeWithRedis, uniqueRedisPrefix } from '../support/redis.js'
import { cookiePair } from './support/http.js'

function sessionApp(options: Partial<CookieSessionsOptions> & { store?: TtlStore } = {}) {
  const sessions = cookieSessions<{ user: string }>({ store: options.store ?? new MemoryStore(), ...options })
  const app = new RestApplication()
    .dependency('startSession', sessions.starter())
    .authorized('session', sessions.authenticate())
  app.post('/login', async ({ startSession, queryParams }) => {
    const session = await startSession({ user: queryParams.user ?? 'alice' })
    return { id: session.id, expiresAt: session.expiresAt.toISOString() }
  })
  app.get('/me', ({ session }) => session.data)
  app.post('/logout', async ({ session }) => {
    await session.destroy()
    return { ok: true }
  })
  return { app, sessions, client: createTestClient(app) }
}

// What a browser on the application's own page sends with every POST (Fetch §3.1, `Origin`);
// the test client's Host is `localhost`.
const OWN = { origin: 'http://localhost' }

const cookieOf = (response: { headers: RequestHeaders }) =>
  cookiePair(response.headers.getAll('set-cookie')[0] ?? null)

async function handle(
  app: RestApplication,
  method: string,
  path: string,
  fields: Record<string, string>,
  secure = false,
) {
  return app.handle(
    new RestRequest({
      method,
      path,
      headers: RequestHeaders.from({
        host: 'app.example',
        origin: `${secure ? 'https' : 'http'}://app.example`,
        ...fields,
      }),
      secure,
    }),
  )
}

describe('cookieSessions', () => {
  it('adds Secure to the cookie when the request came over HTTPS, and not over plain HTTP', async () => {
    const { app } = sessionApp()
    const https = await handle(app, 'POST', '/login', {}, true)
    expect(https.headers['set-cookie']).toEqual([
      expect.stringMatching(/; HttpOnly; SameSite=Lax; Path=\/; Max-Age=604800; Secure$/),
    ])
    const http = await handle(app, 'POST', '/login', {})
    expect(http.status).toBe(200)
    expect(String(http.headers['set-cookie'])).not.toContain('Secure')
  })

  it('trusts X-Forwarded-Proto only when told a proxy is in front', async () => {
    const plain = sessionApp()
    const proxied = sessionApp({ trustProxy: true })
    const forwarded = { 'x-forwarded-proto': 'https' }
    const plainLogin = await handle(plain.app, 'POST', '/login', forwarded)
    expect(plainLogin.status).toBe(200)
    expect(String(plainLogin.headers['set-cookie'])).not.toContain('Secure')
    // Behind the proxy the browser's page is https://app.example, and so is its Origin.
    const proxiedLogin = await handle(proxied.app, 'POST', '/login', {
      ...forwarded,
      origin: 'https://app.example',
    })
    expect(proxiedLogin.status).toBe(200)
    expect(String(proxiedLogin.headers['set-cookie'])).toContain('; Secure')
  })

  it('honours the cookie settings: name, SameSite, Domain, always-Secure', async () => {
    const { client } = sessionApp({
      cookieName: '__Host-sid',
      sameSite: 'Strict',
      secure: true,
      absoluteTimeout: 3600,
    })
    const login = await client.post('/login', { headers: OWN })
    expect(login.headers.get('set-cookie')).toMatch(
      /^__Host-sid=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=3600; Secure$/,
    )
    const me = await client.get('/me', { headers: { cookie: cookieOf(login) } })
    expect(me.json()).toEqual({ user: 'alice' })
    const domain = sessionApp({ domain: 'example.com' })
    expect((await domain.client.post('/login', { headers: OWN })).headers.get('set-cookie')).toContain(
      '; Domain=example.com',
    )
    expect(() => sessionApp({ sameSite: 'None' })).toThrow(/secure: true/)
  })

  it('ends a session left idle past idleTimeout, and keeps a used one alive', async () => {
    let now = Date.now()
    const clock = () => now
    const { client } = sessionApp({ store: new MemoryStore({ now: clock }), now: clock, idleTimeout: 60 })
    const cookie = cookieOf(await client.post('/login', { headers: OWN }))
    for (let i = 0; i < 4; i++) {
      now += 50_000
      expect((await client.get('/me', { headers: { cookie } })).status).toBe(200)
    }
    now += 61_000
    const response = await client.get('/me', { headers: { cookie } })
    expect(response.status).toBe(401)
    expect(response.json<{ message: string }>().message).toBe('Invalid session')
  })

  it('ends every session at absoluteTimeout however active it is', async () => {
    let now = Date.now()
    const clock = () => now
    const { client } = sessionApp({
      store: new MemoryStore({ now: clock }),
      now: clock,
      idleTimeout: 60,
      absoluteTimeout: 100,
    })
    const cookie = cookieOf(await client.post('/login', { headers: OWN }))
    now += 50_000
    expect((await client.get('/me', { headers: { cookie } })).status).toBe(200)
    now += 49_000
    expect((await client.get('/me', { headers: { cookie } })).status).toBe(200)
    now += 2_000
    const response = await client.get('/me', { headers: { cookie } })
    expect(response.status).toBe(401)
  })

  it('keeps only digests of session ids in the store, and data stays server-side', async () => {
    const keys: string[] = []
    const values: string[] = []
    const memory = new MemoryStore()
    const spy: TtlStore = Object.assign(Object.create(memory) as TtlStore, {
      setIfAbsent: (key: string, value: string, ttl: number) => {
        keys.push(key)
        values.push(value)
        return memory.setIfAbsent(key, value, ttl)
      },
    })
    const { client } = sessionApp({ store: spy })
    const login = await client.post('/login?user=secret-bob', { headers: OWN })
    const { id } = login.json<{ id: string }>()
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatch(/^session:[\w-]{43}$/)
    expect(keys[0]).not.toContain(id)
    expect(values[0]).not.toContain(id)
    expect(login.headers.get('set-cookie')).not.toContain('secret-bob')
  })

  it('checks CSRF before touching the store, and can be told not to', async () => {
    const { client } = sessionApp()
    const cookie = cookieOf(await client.post('/login', { headers: OWN }))
    const refused = await client.post('/logout', { headers: { cookie, origin: 'https://evil.example' } })
    expect(refused.status).toBe(403)
    expect(refused.json<{ message: string }>().message).toMatch(/CSRF/)
    const relaxed = sessionApp({ csrf: false })
    const relaxedCookie = cookieOf(await relaxed.client.post('/login', { headers: OWN }))
    const allowed = await relaxed.client.post('/logout', {
      headers: { cookie: relaxedCookie, origin: 'https://evil.example' },
    })
    expect(allowed.status).toBe(200)
  })

  it('answers 503 with Retry-After, never 401 or 200, when the store cannot answer', async () => {
    const memory = new MemoryStore()
    let down = false
    const flaky: TtlStore = new Proxy(memory, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver)
        if (typeof value !== 'function') return value
        return (...args: unknown[]) =>
          down ? Promise.reject(new StoreUnavailableError('down')) : value.apply(target, args)
      },
    })
    const { client } = sessionApp({ store: flaky })
    const cookie = cookieOf(await client.post('/login', { headers: OWN }))
    down = true
    for (const response of [
      await client.get('/me', { headers: { cookie } }),
      await client.post('/login', { headers: OWN }),
    ]) {
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe('2')
    }
    down = false
    expect((await client.get('/me', { headers: { cookie } })).status).toBe(200)
  })

  it('always marks a __Host- or __Secure- cookie Secure, and refuses settings that make browsers drop it', async () => {
    for (const cookieName of ['__Host-session', '__secure-session']) {
      const { app } = sessionApp({ cookieName })
      const login = await handle(app, 'POST', '/login', {})
      expect(String(login.headers['set-cookie'])).toContain('; Secure')
    }
    const store = new MemoryStore()
    expect(() => cookieSessions({ store, cookieName: '__Host-s', secure: false })).toThrow(/must be Secure/)
    expect(() => cookieSessions({ store, cookieName: '__Secure-s', secure: false })).toThrow(/must be Secure/)
    expect(() => cookieSessions({ store, cookieName: '__Host-s', path: '/app' })).toThrow(/path '\/'/)
    expect(() => cookieSessions({ store, cookieName: '__Host-s', domain: 'example.com' })).toThrow(
      /no domain/,
    )
  })

  it('refuses non-positive timeouts at start-up', () => {
    expect(() => cookieSessions({ store: new MemoryStore(), idleTimeout: 0 })).toThrow(/positive/)
  })
})

describeWithRedis('cookieSessions in Redis', (url) => {
  const prefix = uniqueRedisPrefix('auth-sessions')
  const stores: RedisStore[] = []
  const open = () => {
    const store = new RedisStore({ url, prefix })
    stores.push(store)
    return store
  }
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()))
    await deleteRedisKeys(url, prefix)
  })

  it('shares sessions between two servers: made on one, used and destroyed on the other', async () => {
    const a = sessionApp({ store: open() })
    const b = sessionApp({ store: open() })
    const cookie = cookieOf(await a.client.post('/login?user=carol', { headers: OWN }))
    expect((await b.client.get('/me', { headers: { cookie } })).json()).toEqual({ user: 'carol' })
    expect((await b.client.post('/logout', { headers: { cookie, ...OWN } })).status).toBe(200)
    expect((await a.client.get('/me', { headers: { cookie } })).status).toBe(401)
  })
})
