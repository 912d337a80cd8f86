import { Redis } from 'ioredis'
import { expect, it } from 'vitest'
import { whenRedisReady } from '../../src/auth/rate-limit/redis-ready.js'
import { describeWithRedis } from '../support/redis.js'

describeWithRedis('whenRedisReady on a real Redis', (url) => {
  it('lets a burst of requests during the first connection share one ready listener, then all go on', async () => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 })
    try {
      const before = client.listenerCount('ready')
      const waits = Array.from({ length: 50 }, () => whenRedisReady(client, 2000))
      // Fifty concurrent waits add one listener (Node warns past ten on one emitter).
      expect(client.listenerCount('ready')).toBe(before + 1)
      await Promise.all(waits)
      expect(client.status).toBe('ready')
      expect(client.listenerCount('ready')).toBe(before)
      // Once ready, a wait resolves at once and adds no listener.
      await whenRedisReady(client, 2000)
      expect(client.listenerCount('ready')).toBe(before)
    } finally {
      client.disconnect()
    }
  })
})
