import { Redis } from 'ioredis'
import { afterAll, expect, it } from 'vitest'
import { RedisStore } from '../../src/stores/redis/index.js'
import { deleteRedisKeys, describeWithRedis, uniqueRedisPrefix } from '../support/redis.js'
import { describeTtlStoreContract } from './ttl-store-contract.js'

describeWithRedis('RedisStore', (url) => {
  const runPrefix = uniqueRedisPrefix('stores')
  let testNumber = 0
  afterAll(() => deleteRedisKeys(url, runPrefix))

  describeTtlStoreContract('RedisStore', async () => {
    const prefix = `${runPrefix}${++testNumber}:`
    const store = new RedisStore({ url, prefix })
    const opened: RedisStore[] = []
    const open = (storePrefix: string) => {
      const other = new RedisStore({ url, prefix: storePrefix })
      opened.push(other)
      return other
    }
    return {
      store,
      tickMs: 50,
      wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      peer: async () => open(prefix),
      neighbour: async () => open(`${prefix}neighbour:`),
      dispose: async () => {
        await Promise.all([store, ...opened].map((each) => each.close()))
        await deleteRedisKeys(url, prefix)
      },
    }
  })

  it('writes each key under the prefix with a millisecond TTL', async () => {
    const prefix = `${runPrefix}raw:`
    const store = new RedisStore({ url, prefix })
    const raw = new Redis(url)
    try {
      await store.set('session', 'v', 5000)
      await store.increment('hits', 3000)
      expect(await raw.get(`${prefix}session`)).toBe('v')
      expect(await raw.pttl(`${prefix}session`)).toBeGreaterThan(4000)
      expect(await raw.pttl(`${prefix}hits`)).toBeGreaterThan(2000)
      expect(await raw.pttl(`${prefix}hits`)).toBeLessThanOrEqual(3000)
    } finally {
      await store.close()
      raw.disconnect()
    }
  })

  it('uses the prefix rm: unless told otherwise', async () => {
    const store = new RedisStore(url)
    expect(store.prefix).toBe('rm:')
    await store.close()
  })

  it('works with a client it was given and leaves that client open on close', async () => {
    const client = new Redis(url)
    const store = new RedisStore({ client, prefix: `${runPrefix}given:` })
    await store.set('k', 'v', 5000)
    expect(await store.get('k')).toBe('v')
    await store.close()
    expect(await client.get(`${runPrefix}given:k`)).toBe('v')
    client.disconnect()
  })

  it('waits for a lazily connecting client instead of failing its first call', async () => {
    const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false })
    const store = new RedisStore({ client, prefix: `${runPrefix}lazy:` })
    expect(await store.setIfAbsent('k', 'v', 5000)).toBe(true)
    await store.close()
    client.disconnect()
  })

  it('answers its first call right after construction, while still connecting', async () => {
    const store = new RedisStore({ url, prefix: `${runPrefix}fresh:` })
    expect(await store.get('k')).toBeNull()
    await store.close()
  })

  it('passes a script error through as a bug rather than an outage', async () => {
    const client = new Redis(url)
    const store = new RedisStore({ client, prefix: `${runPrefix}wrongtype:` })
    await client.rpush(`${runPrefix}wrongtype:list`, 'x')
    const error = await store.take('list').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).name).toBe('ReplyError')
    await store.close()
    client.disconnect()
  })
})
