/**
 * Server-side state that expires: sessions, refresh-token families and rate-limit counters.
 *
 * Keys and values are strings (callers JSON-encode); every TTL is in milliseconds; every method is
 * async because a real backend is remote. An implementation that cannot reach its backend in time
 * rejects with `StoreUnavailableError`, never with a guess: the framework answers 503 rather than
 * letting a request in. Every single method is atomic, so two servers sharing one backend never both
 * win the same `setIfAbsent`, `take` or `compareAndSet`.
 *
 * How the auth features use it:
 * - **Sessions**: `set('session:' + id, json, idleMs)` at login, `get` + `touch` on each request
 *   (idle expiry), `delete` at logout. An absolute lifetime lives inside the JSON value.
 * - **Refresh-token rotation**: a family record `set('rt:' + familyId, tokenId, ttl)` holds the one
 *   current token id. Rotating is `compareAndSet('rt:' + familyId, presentedId, nextId, ttl)`; when it
 *   fails the presented token was already used (or forged), and `delete('rt:' + familyId)` revokes
 *   the whole family in one call — no per-token records to hunt down. Standalone single-use tokens
 *   use `setIfAbsent` + `take` instead.
 * - **Rate limits**: `increment('rl:' + client + ':' + windowIndex, windowMs)` counts requests in a
 *   fixed window; the counter's TTL starts with its first hit.
 *
 * @example
 * const sessions: TtlStore = new MemoryStore()
 * await sessions.set('session:abc', JSON.stringify({ userId: 7 }), 30 * 60_000)
 * const session = await sessions.get('session:abc') // '{"userId":7}' until 30 idle minutes pass
 * await sessions.touch('session:abc', 30 * 60_000) // the user is active: restart the idle clock
 */
export interface TtlStore {
  /** The value stored under `key`, or `null` when it is absent or has expired. */
  get(key: string): Promise<string | null>
  /** Stores `value` under `key` for `ttlMs` milliseconds, replacing any value and TTL it had. */
  set(key: string, value: string, ttlMs: number): Promise<void>
  /** Stores `value` only when `key` is absent; `true` when this call stored it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>
  /** Removes `key`; `true` when it was present. */
  delete(key: string): Promise<boolean>
  /** Removes `key` and returns the value it had (`null` when absent). Of concurrent takes, exactly one gets it. */
  take(key: string): Promise<string | null>
  /** Replaces the value with `next` (and the TTL with `ttlMs`) only while it equals `expected`; `true` when replaced. */
  compareAndSet(key: string, expected: string, next: string, ttlMs: number): Promise<boolean>
  /** Restarts a present key's TTL at `ttlMs` without changing its value; `false` when absent. */
  touch(key: string, ttlMs: number): Promise<boolean>
  /**
   * Adds one to the integer counter at `key` and returns the new count. A new counter starts at 1
   * and expires `ttlMs` after that first increment; later increments do not extend it. Rejects with
   * a `TypeError` when the key holds something that is not an integer.
   */
  increment(key: string, ttlMs: number): Promise<number>
  /** Releases the store's resources; later calls reject with `StoreUnavailableError`. */
  close(): Promise<void>
}

/**
 * Checks a TTL argument and returns it as whole milliseconds (fractions round up, so a TTL never
 * becomes shorter than asked). Throws a `RangeError` for zero, negative or non-finite values.
 *
 * @example
 * checkTtl(1500) // 1500
 * checkTtl(0.2) // 1
 */
export function checkTtl(ttlMs: number): number {
  if (typeof ttlMs !== 'number' || !Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`A TTL must be a positive, finite number of milliseconds; got ${String(ttlMs)}`)
  }
  return Math.ceil(ttlMs)
}
