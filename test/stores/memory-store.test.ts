import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MemoryStore } from '../../src/stores/memory-store.js'
import { describeTtlStoreContract } from './ttl-store-contract.js'

/** A clock that moves only when told to. */
function fakeClock(start = 1_700_000_000_000) {
  let now = start
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms
    },
  }
}

describeTtlStoreContract('MemoryStore', async () => {
  const clock = fakeClock()
  const store = new MemoryStore({ now: clock.now })
  const neighbours: MemoryStore[] = []
  return {
    store,
    tickMs: 1000,
    wait: async (ms) => clock.advance(ms),
    peer: async () => store,
    neighbour: async () => {
      const neighbour = new MemoryStore({ now: clock.now })
      neighbours.push(neighbour)
      return neighbour
    },
    dispose: async () => {
      await store.close()
      for (const neighbour of neighbours) await neighbour.close()
    },
  }
})

describe('MemoryStore', () => {
  it('keeps an entry readable until the millisecond before its expiry and drops it at that millisecond', async () => {
    const clock = fakeClock()
    const store = new MemoryStore({ now: clock.now })
    await store.set('k', 'v', 100)
    clock.advance(99)
    expect(await store.get('k')).toBe('v')
    clock.advance(1)
    expect(await store.get('k')).toBeNull()
  })

  it('rounds a fractional TTL up to whole milliseconds', async () => {
    const clock = fakeClock()
    const store = new MemoryStore({ now: clock.now })
    await store.set('k', 'v', 0.5)
    expect(await store.get('k')).toBe('v')
    clock.advance(1)
    expect(await store.get('k')).toBeNull()
  })

  it('uses the real clock when none is injected', async () => {
    const store = new MemoryStore()
    await store.set('k', 'v', 20)
    expect(await store.get('k')).toBe('v')
    await new Promise((resolve) => setTimeout(resolve, 40))
    expect(await store.get('k')).toBeNull()
  })

  it('sweeps expired entries when new ones are written, without any timer', async () => {
    const clock = fakeClock()
    const store = new MemoryStore({ now: clock.now })
    for (let index = 0; index < 100; index++) await store.set(`old:${index}`, 'v', 1000)
    expect(store.size).toBe(100)
    clock.advance(1000)
    await store.set('new', 'v', 1000)
    expect(store.size).toBe(1)
  })

  it('never holds more than maxEntries, evicting the entry that expires soonest', async () => {
    const clock = fakeClock()
    const store = new MemoryStore({ now: clock.now, maxEntries: 3 })
    await store.set('long', 'v', 30_000)
    await store.set('short', 'v', 10_000)
    await store.set('medium', 'v', 20_000)
    await store.increment('newcomer', 25_000)
    expect(store.size).toBe(3)
    expect(await store.get('short')).toBeNull()
    expect([await store.get('long'), await store.get('medium'), await store.get('newcomer')]).toEqual([
      'v',
      'v',
      '1',
    ])
  })

  it('evicts by the expiry that touch and compareAndSet last gave an entry', async () => {
    const clock = fakeClock()
    const store = new MemoryStore({ now: clock.now, maxEntries: 2 })
    await store.set('a', 'v', 10_000)
    await store.set('b', 'v', 20_000)
    await store.touch('a', 30_000)
    await store.setIfAbsent('c', 'v', 25_000)
    expect(await store.get('b')).toBeNull()
    await store.compareAndSet('c', 'v', 'w', 40_000)
    await store.set('d', 'v', 35_000)
    expect([await store.get('a'), await store.get('c'), await store.get('d')]).toEqual([null, 'w', 'v'])
  })

  it('does not evict anything when overwriting a key in a full store', async () => {
    const clock = fakeClock()
    const store = new MemoryStore({ now: clock.now, maxEntries: 2 })
    await store.set('a', 'v', 10_000)
    await store.set('b', 'v', 20_000)
    await store.set('b', 'w', 20_000)
    expect([await store.get('a'), await store.get('b')]).toEqual(['v', 'w'])
  })

  it('stays consistent through thousands of random operations', async () => {
    const clock = fakeClock()
    const store = new MemoryStore({ now: clock.now })
    const model = new Map<string, { value: string; expiresAt: number }>()
    let seed = 42
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % below
    }
    for (let step = 0; step < 5000; step++) {
      const key = `k${random(40)}`
      const ttl = 1 + random(5000)
      const live = model.get(key)
      const alive = live !== undefined && live.expiresAt > clock.now()
      switch (random(5)) {
        case 0:
          await store.set(key, String(step), ttl)
          model.set(key, { value: String(step), expiresAt: clock.now() + ttl })
          break
        case 1:
          expect(await store.take(key)).toBe(alive ? live.value : null)
          model.delete(key)
          break
        case 2:
          expect(await store.touch(key, ttl)).toBe(alive)
          if (alive) live.expiresAt = clock.now() + ttl
          break
        case 3:
          expect(await store.get(key)).toBe(alive ? live.value : null)
          break
        default:
          clock.advance(random(300))
      }
      expect(store.size).toBeLessThanOrEqual(40)
    }
  })

  it('refuses a maxEntries below 1', () => {
    expect(() => new MemoryStore({ maxEntries: 0 })).toThrow(RangeError)
    expect(() => new MemoryStore({ maxEntries: Number.NaN })).toThrow(RangeError)
  })

  it('rejects an increment that would pass the largest safe integer', async () => {
    const store = new MemoryStore()
    await store.set('n', String(Number.MAX_SAFE_INTEGER), 1000)
    await expect(store.increment('n', 1000)).rejects.toThrow(TypeError)
  })
})

describe('the Node-free core of the stores room', () => {
  const folder = new URL('../../src/stores/', import.meta.url)
  const coreFiles = readdirSync(folder).filter((file) => file.endsWith('.ts') && !file.startsWith('redis-'))

  it.each(coreFiles)('%s imports no node: module and no ioredis', (file) => {
    const source = readFileSync(new URL(file, folder), 'utf8')
    expect(source).not.toMatch(/from '(node:|ioredis)/)
  })

  it('memory-store.ts starts no timer that could keep a process alive', () => {
    const source = readFileSync(new URL('memory-store.ts', folder), 'utf8')
    expect(source).not.toMatch(/set(Timeout|Interval)\(/)
  })
})
