import { afterAll, beforeAll, expect, it } from 'vitest'
import { createApp as createJwtApp } from '../../examples/auth/jwt.js'
import { createApp as createSessionsApp } from '../../examples/auth/sessions.js'
import { captureConsole } from '../support/console.js'
import {
  describeWithRedisServer,
  type PrivateRedisServer,
  startPrivateRedisServer,
} from '../support/redis.js'
import { cookiePair, LOW_COST, type Served, serveForTest } from './support/http.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Repeats `request` until it answers `status`; returns how long that took. */
async function msUntil(
  request: () => Promise<{ status: number }>,
  status: number,
  giveUpMs: number,
): Promise<number> {
  const started = performance.now()
  for (;;) {
    if ((await request()).status === status) return performance.now() - started
    if (performance.now() - started > giveUpMs) throw new Error(`no ${status} within ${giveUpMs} ms`)
    await sleep(50)
  }
}

describeWithRedisServer('auth while Redis goes away and comes back', () => {
  let redis: PrivateRedisServer
  let sessions: Served
  let jwt: Served

  beforeAll(async () => {
    redis = await startPrivateRedisServer({ persistent: true })
    const settings = { redisUrl: redis.url, redisPrefix: 'outage:', passwordCost: LOW_COST }
    sessions = await serveForTest(createSessionsApp(settings))
    jwt = await serveForTest(
      createJwtApp({ ...settings, jwtSecret: 'outage-test-secret-of-at-least-32-bytes' }),
    )
  })
  afterAll(async () => {
    await sessions?.close()
    await jwt?.close()
    await redis?.stop()
  })

  it('fails closed with 503 within 5 s, never 401 or 500, and loses no session or refresh token', async () => {
    const logged = captureConsole('error')
    const credentials = { json: { email: 'alice@example.com', password: 'secret' } }
    const login = await sessions.call('POST', '/login', { ...credentials, headers: { origin: sessions.url } })
    expect(login.status).toBe(200)
    const cookie = cookiePair(login.headers.get('set-cookie'))
    const tokens = (await jwt.call('POST', '/login', credentials)).body
    expect(typeof tokens.refresh_token).toBe('string')

    // A client polling its profile throughout: it may be told "try later", never "logged out".
    const seen = new Map<number, number>()
    let slowest = 0
    let polling = true
    const poller = (async () => {
      while (polling) {
        const started = performance.now()
        const { status } = await sessions.call('GET', '/profile', { cookie })
        slowest = Math.max(slowest, performance.now() - started)
        seen.set(status, (seen.get(status) ?? 0) + 1)
        await sleep(25)
      }
    })()

    await redis.kill()
    const refusedWithin = await msUntil(() => sessions.call('GET', '/profile', { cookie }), 503, 5000)
    const during = await Promise.all([
      sessions.call('GET', '/profile', { cookie }),
      sessions.call('POST', '/login', { ...credentials, headers: { origin: sessions.url } }),
      jwt.call('POST', '/refresh', { json: { refresh_token: tokens.refresh_token } }),
      jwt.call('POST', '/login', credentials),
    ])
    for (const response of during) {
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe('2')
    }
    // Stateless access tokens keep working: they need no Redis.
    expect((await jwt.call('GET', '/profile', { token: tokens.access_token })).status).toBe(200)

    await redis.start()
    const backWithin = await msUntil(() => sessions.call('GET', '/profile', { cookie }), 200, 10_000)
    polling = false
    await poller

    const refreshed = await jwt.call('POST', '/refresh', { json: { refresh_token: tokens.refresh_token } })
    expect(refreshed.status).toBe(200)
    expect([...seen.keys()].sort()).toEqual([200, 503])
    expect(slowest).toBeLessThan(5000)
    // Each example says once that Redis is unavailable, and nothing else is logged (no 500).
    const lines = logged.map(([message]) => String(message))
    for (const line of lines) expect(line).toMatch(/^\[(jwt|sessions)\] Redis unavailable: .+ \(retrying\)$/)
    expect(lines.map((line) => line.slice(0, line.indexOf(']') + 1)).sort()).toEqual(['[jwt]', '[sessions]'])
    console.info(
      `Redis outage: first 503 after ${Math.round(refusedWithin)} ms, sessions back ${Math.round(backWithin)} ms ` +
        `after Redis restarted, slowest request ${Math.round(slowest)} ms, statuses ${JSON.stringify([...seen])}`,
    )
  })
})
