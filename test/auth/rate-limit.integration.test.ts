import { Redis } from 'ioredis'
import { RestApplication } from 'restmachine'
import { failClosedRedisOptions } from 'restmachine/redis'
import { createTestClient, type TestClient } from 'restmachine/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createRateLimiterEngine,
  type RateLimitOptions,
  rateLimit,
  rateLimitHeaders,
} from '../../src/auth/index.js'
import {
  deleteRedisKeys,
  describeWithRedis,
  describeWithRedisServer,
  type PrivateRedisServer,
  startPrivateRedisServer,
  uniqueRedisPrefix,
} from '../support/redis.js'

function limitedApp(options: Partial<RateLimitOptions> = {}) {
  const app = new RestApplication().dependency(
    'limit',
    rateLimit({ name: 'login', points: 3, duration: 60, ...options }),
  )
  app.post('/login', ({ limit }) => ({ remaining: limit.remaining }))
  return createTestClient(app)
}

async function attempts(client: TestClient, count: number, remoteAddress = '198.51.100.7', headers = {}) {
  const statuses: number[] = []
  for (let i = 0; i < count; i++)
    statuses.push((await client.post('/login', { remoteAddress, headers })).status)
  return statuses
}

describe('rateLimit in memory', () => {
  it('lets `points` requests through per window, then answers 429 with Retry-After', async () => {
    const client = limitedApp()
    expect(await attempts(client, 3)).toEqual([200, 200, 200])
    const refused = await client.post('/login', { remoteAddress: '198.51.100.7' })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(59)
    expect(refused.json()).toEqual({
      error: 'Too Many Requests',
      message: 'Too many requests; try again later',
    })
  })

  it('sends RateLimit-Policy and RateLimit on every answer, counting down', async () => {
    const client = limitedApp()
    const first = await client.post('/login', { remoteAddress: '198.51.100.8' })
    expect(first.headers.get('ratelimit-policy')).toBe('"login";q=3;w=60')
    expect(first.headers.get('ratelimit')).toBe('"login";r=2;t=60')
    await attempts(client, 3, '198.51.100.8')
    expect((await client.post('/login', { remoteAddress: '198.51.100.8' })).headers.get('ratelimit')).toMatch(
      /^"login";r=0;t=(59|60)$/,
    )
  })

  it('counts clients apart by socket address and ignores X-Forwarded-For by default', async () => {
    const client = limitedApp()
    await attempts(client, 3, '198.51.100.9')
    const spoofed = await attempts(client, 2, '198.51.100.9', { 'x-forwarded-for': '203.0.113.50' })
    expect(spoofed).toEqual([429, 429])
    expect(await attempts(client, 1, '198.51.100.10')).toEqual([200])
  })

  it('uses the trusted proxy’s X-Forwarded-For entry when told to', async () => {
    const client = limitedApp({ trustProxy: 1 })
    const viaProxy = (client_: string) =>
      attempts(client, 1, '10.0.0.1', { 'x-forwarded-for': `6.6.6.6, ${client_}` })
    for (let i = 0; i < 3; i++) expect(await viaProxy('203.0.113.1')).toEqual([200])
    expect(await viaProxy('203.0.113.1')).toEqual([429])
    expect(await viaProxy('203.0.113.2')).toEqual([200])
  })

  it('treats one IPv6 /64 as one client', async () => {
    const client = limitedApp()
    await attempts(client, 3, '2001:db8:5:6::1')
    expect(await attempts(client, 1, '2001:db8:5:6::ffff')).toEqual([429])
  })

  it('refuses nonsense settings at start-up', async () => {
    expect(() => rateLimit({ points: 0, duration: 60 })).toThrow(RangeError)
    expect(() => rateLimit({ points: 1, duration: 1.5 })).toThrow(RangeError)
    await expect(createRateLimiterEngine({ points: 1, duration: 1.5, keyPrefix: 'x' })).rejects.toThrow(
      RangeError,
    )
  })
})

describe('rateLimitHeaders', () => {
  it('writes the IETF draft’s structured fields and escapes the policy name', () => {
    expect(
      rateLimitHeaders({ policy: 'a"b', limit: 5, remaining: -1, resetSeconds: 1.2, windowSeconds: 900 }),
    ).toEqual({
      'ratelimit-policy': '"a\\"b";q=5;w=900',
      ratelimit: '"a\\"b";r=0;t=2',
    })
  })
})

describeWithRedis('rateLimit in Redis', (url) => {
  const prefix = uniqueRedisPrefix('auth-ratelimit')
  const clients: Redis[] = []
  const connect = () => {
    const client = new Redis(url, failClosedRedisOptions())
    clients.push(client)
    return client
  }
  afterAll(async () => {
    for (const client of clients) client.disconnect()
    await deleteRedisKeys(url, prefix)
  })

  it('adds up the counts of two servers sharing Redis', async () => {
    const a = limitedApp({ redis: connect(), keyPrefix: `${prefix}login` })
    const b = limitedApp({ redis: connect(), keyPrefix: `${prefix}login` })
    expect(await attempts(a, 2, '192.0.2.1')).toEqual([200, 200])
    expect(await attempts(b, 2, '192.0.2.1')).toEqual([200, 429])
    expect(await attempts(a, 1, '192.0.2.1')).toEqual([429])
  })

  it('never grants more than `points` to concurrent requests from two servers', async () => {
    const a = limitedApp({ redis: connect(), keyPrefix: `${prefix}race` })
    const b = limitedApp({ redis: connect(), keyPrefix: `${prefix}race` })
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).post('/login', { remoteAddress: '192.0.2.2' })),
    )
    expect(results.filter((r) => r.status === 200)).toHaveLength(3)
  })
})

describeWithRedisServer('rateLimit while Redis is down', () => {
  let server: PrivateRedisServer
  const clients: Redis[] = []
  beforeAll(async () => {
    server = await startPrivateRedisServer()
  })
  afterAll(async () => {
    for (const client of clients) client.disconnect()
    await server?.stop()
  })
  const app = (whenUnavailable: RateLimitOptions['whenUnavailable']) => {
    const redis = new Redis(server.url, failClosedRedisOptions(500))
    redis.on('error', () => {})
    clients.push(redis)
    return limitedApp({ redis, whenUnavailable, keyPrefix: `down-${whenUnavailable}` })
  }

  it('fails closed with 503 at once by default, lets through with fail-open, counts locally with memory', async () => {
    const closed = app(undefined)
    const open = app('fail-open')
    const memory = app('memory')
    expect((await closed.post('/login')).status).toBe(200)
    await server.kill()
    const started = performance.now()
    const refused = await closed.post('/login')
    expect(refused.status).toBe(503)
    expect(refused.headers.get('retry-after')).toBe('2')
    expect(performance.now() - started).toBeLessThan(1000)
    expect(await attempts(open, 5)).toEqual([200, 200, 200, 200, 200])
    expect(await attempts(memory, 4)).toEqual([200, 200, 200, 429])
    await server.start()
    const deadline = Date.now() + 10_000
    while ((await closed.post('/login', { remoteAddress: '192.0.2.99' })).status !== 200) {
      if (Date.now() > deadline) throw new Error('the limiter did not recover within 10 s')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })
})
