import { Redis } from 'ioredis'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { RedisStore } from '../../src/stores/redis/index.js'
import { StoreUnavailableError } from '../../src/stores/store-unavailable-error.js'
import {
  describeWithRedisServer,
  type PrivateRedisServer,
  startPrivateRedisServer,
} from '../support/redis.js'

/** How long a promise takes to settle, and how. */
async function timed<T>(promise: Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const started = performance.now()
  try {
    const value = await promise
    return { ms: performance.now() - started, value }
  } catch (error) {
    return { ms: performance.now() - started, error }
  }
}

/** Retries `attempt` every 50 ms until it resolves; returns how long that took. */
async function msUntilItWorks(attempt: () => Promise<unknown>, giveUpAfterMs: number): Promise<number> {
  const started = performance.now()
  for (;;) {
    try {
      await attempt()
      return performance.now() - started
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error
      if (performance.now() - started > giveUpAfterMs) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describeWithRedisServer('RedisStore during a Redis outage', () => {
  let server: PrivateRedisServer
  const stores: RedisStore[] = []
  const openStore = (options: { timeoutMs?: number } = {}) => {
    const store = new RedisStore({ url: server.url, prefix: 'outage:', ...options })
    stores.push(store)
    return store
  }

  beforeAll(async () => {
    server = await startPrivateRedisServer({ persistent: true })
  })
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()))
    await server?.stop()
  })

  it('fails closed within 5 s while Redis is down, and serves every session again within 10 s of its return', async () => {
    const store = openStore()
    const session = JSON.stringify({ userId: 7, roles: ['admin'] })
    await store.set('session:alice', session, 60_000)
    await store.set('rt:family-1', 'token-1', 60_000)

    // A request loop that reads the session throughout: it may be refused, but must never be told
    // "no such session" (which would log the user out) nor see any other error.
    const seen = new Set<string>()
    let polling = true
    const poller = (async () => {
      while (polling) {
        try {
          seen.add((await store.get('session:alice')) === session ? 'session' : 'WRONG VALUE')
        } catch (error) {
          seen.add(error instanceof StoreUnavailableError ? 'unavailable' : `other error: ${String(error)}`)
        }
        await sleep(20)
      }
    })()

    await server.kill()
    const calls = await Promise.all([
      timed(store.get('session:alice')),
      timed(store.set('session:bob', '{}', 60_000)),
      timed(store.setIfAbsent('session:carol', '{}', 60_000)),
      timed(store.delete('session:alice')),
      timed(store.take('rt:family-1')),
      timed(store.compareAndSet('rt:family-1', 'token-1', 'token-2', 60_000)),
      timed(store.touch('session:alice', 60_000)),
      timed(store.increment('rl:login', 60_000)),
    ])
    for (const call of calls) {
      expect(call.error).toBeInstanceOf(StoreUnavailableError)
      expect(call.ms).toBeLessThan(5000)
    }

    await server.start()
    const recoveryMs = await msUntilItWorks(() => store.get('session:alice'), 10_000)
    expect(recoveryMs).toBeLessThan(10_000)
    polling = false
    await poller

    expect(await store.get('session:alice')).toBe(session)
    expect(await store.get('rt:family-1')).toBe('token-1')
    expect([...seen].sort()).toEqual(['session', 'unavailable'])
    // Writes refused during the outage were never applied later.
    expect(await store.get('session:bob')).toBeNull()
    expect(await store.get('session:carol')).toBeNull()
    expect(await store.get('rl:login')).toBeNull()
  })

  it('rejects a call that a paused Redis does not answer within the deadline, then recovers', async () => {
    const store = openStore({ timeoutMs: 1000 })
    await store.set('session:dave', 'v', 60_000)
    const admin = new Redis(server.url)
    try {
      await admin.call('CLIENT', 'PAUSE', '1500', 'ALL')
      const call = await timed(store.get('session:dave'))
      expect(call.error).toBeInstanceOf(StoreUnavailableError)
      expect(call.ms).toBeGreaterThanOrEqual(900)
      expect(call.ms).toBeLessThan(5000)
      expect(await msUntilItWorks(() => store.get('session:dave'), 10_000)).toBeLessThan(10_000)
      expect(await store.get('session:dave')).toBe('v')
    } finally {
      admin.disconnect()
    }
  })

  it('fails within 5 s when created while Redis is down, and starts working once Redis comes up', async () => {
    await server.kill()
    const store = openStore()
    const call = await timed(store.get('session:alice'))
    expect(call.error).toBeInstanceOf(StoreUnavailableError)
    expect(call.ms).toBeLessThan(5000)
    await server.start()
    expect(await msUntilItWorks(() => store.get('session:alice'), 10_000)).toBeLessThan(10_000)
    expect(await store.get('session:alice')).not.toBeNull()
  })
})
