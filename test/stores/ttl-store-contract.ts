/**
 * The behaviour every `TtlStore` promises, as one suite to run against each implementation.
 *
 * @example
 * describeTtlStoreContract('MemoryStore', async () => memoryHarness())
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { StoreUnavailableError } from '../../src/stores/store-unavailable-error.js'
import type { TtlStore } from '../../src/stores/ttl-store.js'

/** One store under test plus the means to exercise it. */
export interface StoreHarness {
  store: TtlStore
  /**
   * A length of time that comfortably exceeds the latency of a few calls. TTL tests are written in
   * ticks: "present" is asserted at most one tick into a four-tick TTL, "gone" only after the TTL.
   */
  tickMs: number
  /** Lets `ms` of store time pass: a fake clock moves on, or real time elapses. */
  wait(ms: number): Promise<void>
  /** A second handle on the same data — over a separate connection where the store has one. */
  peer(): Promise<TtlStore>
  /** A store in another namespace, which must not see this one's keys. */
  neighbour(): Promise<TtlStore>
  /** Closes everything the harness opened and removes what it wrote. */
  dispose(): Promise<void>
}

/** Runs the `TtlStore` contract against the stores that `makeHarness` builds (one per test). */
export function describeTtlStoreContract(name: string, makeHarness: () => Promise<StoreHarness>): void {
  describe(`${name} (TtlStore contract)`, () => {
    let harness: StoreHarness
    let store: TtlStore
    let tick: number
    const ttl = () => 4 * tick

    beforeEach(async () => {
      harness = await makeHarness()
      store = harness.store
      tick = harness.tickMs
    })
    afterEach(async () => {
      await harness.dispose()
    })

    describe('get and set', () => {
      it('returns null for a key that was never set', async () => {
        expect(await store.get('missing')).toBeNull()
      })

      it('returns the value that set stored', async () => {
        await store.set('k', 'v', ttl())
        expect(await store.get('k')).toBe('v')
      })

      it('replaces both the value and the TTL when set is called again', async () => {
        await store.set('k', 'first', ttl())
        await harness.wait(tick)
        await store.set('k', 'second', 10 * tick)
        await harness.wait(ttl())
        expect(await store.get('k')).toBe('second')
      })

      it('forgets a value once its TTL has passed', async () => {
        await store.set('k', 'v', ttl())
        await harness.wait(tick)
        expect(await store.get('k')).toBe('v')
        await harness.wait(ttl())
        expect(await store.get('k')).toBeNull()
      })

      it('treats keys that differ only in case or whitespace as different keys', async () => {
        await store.set('a', 'lower', ttl())
        await store.set('A', 'upper', ttl())
        await store.set('a ', 'spaced', ttl())
        expect([await store.get('a'), await store.get('A'), await store.get('a ')]).toEqual([
          'lower',
          'upper',
          'spaced',
        ])
      })

      it('keeps unicode keys and values intact and distinct', async () => {
        const keys = ['ключ:🔑:鍵', 'ключ:🔑:键', 'e\u0301', '\u00e9']
        for (const [index, key] of keys.entries()) await store.set(key, `välue ${index} ✓ 𝄞\u0000end`, ttl())
        for (const [index, key] of keys.entries()) {
          expect(await store.get(key)).toBe(`välue ${index} ✓ 𝄞\u0000end`)
        }
      })

      it('stores a one-megabyte value unchanged', async () => {
        const large = 'x€'.repeat(512 * 1024)
        await store.set('large', large, ttl())
        expect(await store.get('large')).toBe(large)
      })

      it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])(
        'rejects a TTL of %s with a RangeError',
        async (bad) => {
          await expect(store.set('k', 'v', bad)).rejects.toThrow(RangeError)
          await expect(store.setIfAbsent('k', 'v', bad)).rejects.toThrow(RangeError)
          await expect(store.increment('k', bad)).rejects.toThrow(RangeError)
          expect(await store.get('k')).toBeNull()
        },
      )
    })

    describe('setIfAbsent', () => {
      it('stores the value and answers true when the key is absent', async () => {
        expect(await store.setIfAbsent('k', 'v', ttl())).toBe(true)
        expect(await store.get('k')).toBe('v')
      })

      it('leaves an existing value alone and answers false', async () => {
        await store.set('k', 'first', ttl())
        expect(await store.setIfAbsent('k', 'second', ttl())).toBe(false)
        expect(await store.get('k')).toBe('first')
      })

      it('succeeds again once the previous value has expired', async () => {
        await store.setIfAbsent('k', 'first', ttl())
        await harness.wait(ttl() + tick)
        expect(await store.setIfAbsent('k', 'second', ttl())).toBe(true)
        expect(await store.get('k')).toBe('second')
      })

      it('lets exactly one of 50 concurrent callers win', async () => {
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, index) => store.setIfAbsent('k', `caller ${index}`, ttl())),
        )
        const winners = results.flatMap((won, index) => (won ? [index] : []))
        expect(winners).toHaveLength(1)
        expect(await store.get('k')).toBe(`caller ${winners[0]}`)
      })

      it('lets exactly one of two stores on separate connections win', async () => {
        const other = await harness.peer()
        for (let round = 0; round < 20; round++) {
          const key = `race:${round}`
          const [mine, theirs] = await Promise.all([
            store.setIfAbsent(key, 'mine', ttl()),
            other.setIfAbsent(key, 'theirs', ttl()),
          ])
          expect(Number(mine) + Number(theirs)).toBe(1)
        }
      })
    })

    describe('delete', () => {
      it('removes a present key and answers true', async () => {
        await store.set('k', 'v', ttl())
        expect(await store.delete('k')).toBe(true)
        expect(await store.get('k')).toBeNull()
      })

      it('answers false for an absent or expired key', async () => {
        expect(await store.delete('missing')).toBe(false)
        await store.set('k', 'v', ttl())
        await harness.wait(ttl() + tick)
        expect(await store.delete('k')).toBe(false)
      })
    })

    describe('take', () => {
      it('returns the value and removes it', async () => {
        await store.set('k', 'v', ttl())
        expect(await store.take('k')).toBe('v')
        expect(await store.get('k')).toBeNull()
        expect(await store.take('k')).toBeNull()
      })

      it('returns null for an expired key', async () => {
        await store.set('k', 'v', ttl())
        await harness.wait(ttl() + tick)
        expect(await store.take('k')).toBeNull()
      })

      it('hands the value to exactly one of 50 concurrent takers', async () => {
        await store.set('token', 'single-use', ttl())
        const results = await Promise.all(Array.from({ length: 50 }, () => store.take('token')))
        expect(results.filter((value) => value !== null)).toEqual(['single-use'])
      })

      it('hands the value to exactly one of two stores on separate connections', async () => {
        const other = await harness.peer()
        for (let round = 0; round < 20; round++) {
          const key = `token:${round}`
          await store.set(key, 'single-use', ttl())
          const results = await Promise.all([
            store.take(key),
            other.take(key),
            store.take(key),
            other.take(key),
          ])
          expect(results.filter((value) => value !== null)).toEqual(['single-use'])
        }
      })
    })

    describe('compareAndSet', () => {
      it('replaces the value and TTL when the current value matches', async () => {
        await store.set('k', 'old', ttl())
        await harness.wait(tick)
        expect(await store.compareAndSet('k', 'old', 'new', 10 * tick)).toBe(true)
        await harness.wait(ttl())
        expect(await store.get('k')).toBe('new')
      })

      it('leaves the value alone when it does not match', async () => {
        await store.set('k', 'current', ttl())
        expect(await store.compareAndSet('k', 'stale', 'new', ttl())).toBe(false)
        expect(await store.get('k')).toBe('current')
      })

      it('does not create a key that is absent or expired', async () => {
        expect(await store.compareAndSet('missing', '', 'new', ttl())).toBe(false)
        expect(await store.get('missing')).toBeNull()
        await store.set('k', 'old', ttl())
        await harness.wait(ttl() + tick)
        expect(await store.compareAndSet('k', 'old', 'new', ttl())).toBe(false)
        expect(await store.get('k')).toBeNull()
      })

      it('lets exactly one of 20 concurrent rotations of the same value win', async () => {
        await store.set('family', 'token-0', ttl())
        const other = await harness.peer()
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            (index % 2 ? other : store).compareAndSet('family', 'token-0', `token-${index + 1}`, ttl()),
          ),
        )
        expect(results.filter(Boolean)).toHaveLength(1)
        expect(await store.get('family')).toBe(`token-${results.indexOf(true) + 1}`)
      })

      it('supports refresh-token rotation where reuse revokes the whole family in one delete', async () => {
        const family = 'rt:family-1'
        await store.set(family, 'token-1', ttl())
        expect(await store.compareAndSet(family, 'token-1', 'token-2', ttl())).toBe(true)
        // token-1 is presented again: it was already rotated away, so this is a replay.
        expect(await store.compareAndSet(family, 'token-1', 'token-3', ttl())).toBe(false)
        expect(await store.delete(family)).toBe(true)
        expect(await store.compareAndSet(family, 'token-2', 'token-3', ttl())).toBe(false)
      })
    })

    describe('touch', () => {
      it('extends the TTL of a present key without changing its value', async () => {
        await store.set('session', 'data', ttl())
        await harness.wait(tick)
        expect(await store.touch('session', ttl())).toBe(true)
        await harness.wait(tick)
        expect(await store.touch('session', 10 * tick)).toBe(true)
        await harness.wait(ttl())
        expect(await store.get('session')).toBe('data')
      })

      it('lets an idle key expire after the TTL of its last touch', async () => {
        await store.set('session', 'data', 10 * tick)
        expect(await store.touch('session', ttl())).toBe(true)
        await harness.wait(ttl() + tick)
        expect(await store.get('session')).toBeNull()
      })

      it('answers false and creates nothing for an absent or expired key', async () => {
        expect(await store.touch('missing', ttl())).toBe(false)
        expect(await store.get('missing')).toBeNull()
        await store.set('k', 'v', ttl())
        await harness.wait(ttl() + tick)
        expect(await store.touch('k', ttl())).toBe(false)
      })
    })

    describe('increment', () => {
      it('starts a new counter at 1 and counts up', async () => {
        expect(await store.increment('hits', ttl())).toBe(1)
        expect(await store.increment('hits', ttl())).toBe(2)
        expect(await store.increment('hits', ttl())).toBe(3)
        expect(await store.get('hits')).toBe('3')
      })

      it('expires the counter a TTL after its first increment, which later increments do not extend', async () => {
        expect(await store.increment('hits', ttl())).toBe(1)
        await harness.wait(2 * tick)
        expect(await store.increment('hits', ttl())).toBe(2)
        await harness.wait(2 * tick + tick)
        expect(await store.increment('hits', ttl())).toBe(1)
      })

      it('counts 100 concurrent increments from two connections exactly', async () => {
        const other = await harness.peer()
        const results = await Promise.all(
          Array.from({ length: 100 }, (_, index) => (index % 2 ? other : store).increment('hits', ttl())),
        )
        expect([...results].sort((a, b) => a - b)).toEqual(
          Array.from({ length: 100 }, (_, index) => index + 1),
        )
        expect(await store.get('hits')).toBe('100')
      })

      it('continues from an integer that set stored', async () => {
        await store.set('hits', '41', ttl())
        expect(await store.increment('hits', ttl())).toBe(42)
      })

      it('rejects with a TypeError when the key holds something other than an integer', async () => {
        await store.set('name', 'alice', ttl())
        await expect(store.increment('name', ttl())).rejects.toThrow(TypeError)
        expect(await store.get('name')).toBe('alice')
      })
    })

    describe('isolation and lifecycle', () => {
      it('keeps keys invisible to a store in another namespace', async () => {
        const neighbour = await harness.neighbour()
        await store.set('shared-name', 'mine', ttl())
        expect(await neighbour.get('shared-name')).toBeNull()
        expect(await neighbour.setIfAbsent('shared-name', 'theirs', ttl())).toBe(true)
        expect(await neighbour.take('shared-name')).toBe('theirs')
        expect(await store.get('shared-name')).toBe('mine')
      })

      it('rejects every call with StoreUnavailableError after close', async () => {
        await store.set('k', 'v', ttl())
        await store.close()
        await store.close()
        const calls = [
          store.get('k'),
          store.set('k', 'v', ttl()),
          store.setIfAbsent('k', 'v', ttl()),
          store.delete('k'),
          store.take('k'),
          store.compareAndSet('k', 'v', 'w', ttl()),
          store.touch('k', ttl()),
          store.increment('n', ttl()),
        ]
        for (const call of calls) await expect(call).rejects.toBeInstanceOf(StoreUnavailableError)
      })
    })
  })
}
