import { type ExpiringItem, ExpiryHeap } from './expiry-heap.js'
import { StoreUnavailableError } from './store-unavailable-error.js'
import { checkTtl, type TtlStore } from './ttl-store.js'

/** Options for {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * The most entries held at once (default 100 000). Writing a new key into a full store first drops
   * expired entries, then evicts the entry that would expire soonest, so memory stays bounded even
   * when a client floods it with rate-limit keys.
   */
  maxEntries?: number
  /** The clock, in epoch milliseconds (default `Date.now`); tests inject a fake one. */
  now?: () => number
}

interface Entry extends ExpiringItem {
  readonly key: string
  value: string
}

/** Expired entries dropped per write at most, so no single write pays for a large backlog. */
const SWEEP_BUDGET = 256
const INTEGER = /^(0|-?[1-9][0-9]*)$/

/**
 * The embedded `TtlStore`: state in this process's memory, right for one server and for tests.
 *
 * Expiry is exact: an entry written at `t` with TTL `d` is readable while the clock is before
 * `t + d` and gone from then on. Reads check expiry lazily; writes sweep a bounded batch of expired
 * entries. No timer runs, so an idle store never keeps a process alive and needs no Node APIs.
 * JavaScript runs one call at a time, so every method is trivially atomic.
 *
 * @example
 * const store = new MemoryStore({ maxEntries: 10_000 })
 * await store.setIfAbsent('rt:family-1', 'token-1', 7 * 24 * 3_600_000) // true
 * await store.compareAndSet('rt:family-1', 'token-1', 'token-2', 7 * 24 * 3_600_000) // true: rotated
 */
export class MemoryStore implements TtlStore {
  /** The most entries held at once. */
  readonly maxEntries: number
  readonly #now: () => number
  readonly #entries = new Map<string, Entry>()
  readonly #expiry = new ExpiryHeap<Entry>()
  #closed = false

  constructor(options: MemoryStoreOptions = {}) {
    const { maxEntries = 100_000, now = Date.now } = options
    if (!(maxEntries >= 1)) throw new RangeError(`maxEntries must be at least 1; got ${String(maxEntries)}`)
    this.maxEntries = maxEntries
    this.#now = now
  }

  /** How many entries are held, counting expired ones that have not been swept yet. */
  get size(): number {
    return this.#entries.size
  }

  async get(key: string): Promise<string | null> {
    this.#assertOpen()
    return this.#live(key)?.value ?? null
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#put(key, value, this.#expiresAt(ttlMs))
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const expiresAt = this.#expiresAt(ttlMs)
    if (this.#live(key)) return false
    this.#put(key, value, expiresAt)
    return true
  }

  async delete(key: string): Promise<boolean> {
    this.#assertOpen()
    const entry = this.#live(key)
    if (!entry) return false
    this.#drop(entry)
    return true
  }

  async take(key: string): Promise<string | null> {
    this.#assertOpen()
    const entry = this.#live(key)
    if (!entry) return null
    this.#drop(entry)
    return entry.value
  }

  async compareAndSet(key: string, expected: string, next: string, ttlMs: number): Promise<boolean> {
    const expiresAt = this.#expiresAt(ttlMs)
    const entry = this.#live(key)
    if (!entry || entry.value !== expected) return false
    entry.value = next
    this.#reschedule(entry, expiresAt)
    return true
  }

  async touch(key: string, ttlMs: number): Promise<boolean> {
    const expiresAt = this.#expiresAt(ttlMs)
    const entry = this.#live(key)
    if (!entry) return false
    this.#reschedule(entry, expiresAt)
    return true
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    const expiresAt = this.#expiresAt(ttlMs)
    const entry = this.#live(key)
    if (!entry) {
      this.#put(key, '1', expiresAt)
      return 1
    }
    const count = parseCounter(key, entry.value) + 1
    entry.value = String(count)
    return count
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#entries.clear()
    this.#expiry.clear()
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreUnavailableError('MemoryStore is closed')
  }

  #expiresAt(ttlMs: number): number {
    this.#assertOpen()
    return this.#now() + checkTtl(ttlMs)
  }

  /** The entry under `key` if it has not expired; an expired one is dropped on the way. */
  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key)
    if (entry === undefined) return undefined
    if (entry.expiresAt > this.#now()) return entry
    this.#drop(entry)
    return undefined
  }

  #put(key: string, value: string, expiresAt: number): void {
    this.#sweep()
    const existing = this.#live(key)
    if (existing) {
      existing.value = value
      this.#reschedule(existing, expiresAt)
      return
    }
    this.#makeRoom()
    const entry: Entry = { key, value, expiresAt, heapIndex: -1 }
    this.#entries.set(key, entry)
    this.#expiry.push(entry)
  }

  #reschedule(entry: Entry, expiresAt: number): void {
    entry.expiresAt = expiresAt
    this.#expiry.update(entry)
  }

  #drop(entry: Entry): void {
    this.#entries.delete(entry.key)
    this.#expiry.remove(entry)
  }

  #sweep(): void {
    const now = this.#now()
    for (let budget = SWEEP_BUDGET; budget > 0; budget--) {
      const next = this.#expiry.peek()
      if (next === undefined || next.expiresAt > now) return
      this.#drop(next)
    }
  }

  /** Evicts the soonest-to-expire entries until one more fits. */
  #makeRoom(): void {
    while (this.#entries.size >= this.maxEntries) {
      const next = this.#expiry.peek()
      if (next === undefined) return
      this.#drop(next)
    }
  }
}

function parseCounter(key: string, value: string): number {
  const count = INTEGER.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(count + 1)) {
    throw new TypeError(`The value at ${JSON.stringify(key)} is not an integer counter`)
  }
  return count
}
