import type { Redis as RedisClient } from 'ioredis'
import { StoreUnavailableError } from '../store-unavailable-error.js'
import { checkTtl, type TtlStore } from '../ttl-store.js'
import { Redis } from './redis-client.js'
import { failClosedRedisOptions } from './redis-options.js'
import { RedisScript } from './redis-script.js'

/** Options for {@link RedisStore}. */
export interface RedisStoreOptions {
  /** Where Redis is, e.g. `redis://:password@host:6379/0` (default `redis://127.0.0.1:6379`). */
  url?: string
  /**
   * An ioredis client to use instead of creating one. The store never closes a client it was given;
   * spread `failClosedRedisOptions()` into its options for the same outage behaviour.
   */
  client?: RedisClient
  /** Prepended to every key, so several apps or test runs can share one Redis (default `rm:`). */
  prefix?: string
  /** The longest a call may take, waiting for a connection included, before it fails (default 2000). */
  timeoutMs?: number
}

// Redis replies that mean "cannot serve right now" rather than "you asked something wrong".
const UNAVAILABLE_REPLY = /^(LOADING|BUSY|MASTERDOWN|READONLY|TRYAGAIN|CLUSTERDOWN|NOREPLICAS|MISCONF)\b/

const TAKE = new RedisScript(`
local value = redis.call('GET', KEYS[1])
if value then redis.call('DEL', KEYS[1]) end
return value`)

const COMPARE_AND_SET = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`)

// The TTL is set only on a counter that has none: its first increment starts the window.
const INCREMENT = new RedisScript(`
local count = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`)

/**
 * A `TtlStore` in Redis, shared by every server that points at it. Compound operations (`take`,
 * `compareAndSet`, `increment`) are Lua scripts, which Redis runs atomically; the rest are single
 * commands (`SET … PX … NX`, `PEXPIRE`, `DEL`). TTLs are milliseconds (`PX`).
 *
 * It fails closed and fast: every call either answers or rejects with `StoreUnavailableError` within
 * `timeoutMs` (default 2 s) — while Redis is down, unreachable, paused or still loading. A call made
 * while a connection is being (re-)established waits for it within that deadline, and is never
 * sent once its caller has been told it failed. The client reconnects by itself; see
 * `failClosedRedisOptions` for each ioredis setting and why.
 *
 * @example
 * const store = new RedisStore({ url: process.env.REDIS_URL, prefix: 'myapp:' })
 * if (await store.setIfAbsent('session:abc', '{"userId":7}', 30 * 60_000)) console.log('created')
 * await store.close() // at shutdown: the connection would otherwise keep the process alive
 */
export class RedisStore implements TtlStore {
  /** Prepended to every key. */
  readonly prefix: string
  /** The longest a call may take before it rejects with `StoreUnavailableError`. */
  readonly timeoutMs: number
  readonly #client: RedisClient
  readonly #ownsClient: boolean

  /**
   * The ioredis connection, to share with other Redis users of the same process (a rate limiter).
   * Closing the store closes it when the store created it.
   */
  get client(): RedisClient {
    return this.#client
  }
  #lastConnectionError: unknown
  #ready: Promise<void> | undefined
  #closed = false

  /** Connects to `options.url`, or to the URL given as a string, or uses `options.client`. */
  constructor(options: RedisStoreOptions | string = {}) {
    const {
      url = 'redis://127.0.0.1:6379',
      client,
      prefix = 'rm:',
      timeoutMs = 2000,
    } = typeof options === 'string' ? { url: options } : options
    if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive; got ${String(timeoutMs)}`)
    this.prefix = prefix
    this.timeoutMs = timeoutMs
    this.#ownsClient = client === undefined
    this.#client = client ?? new Redis(url, failClosedRedisOptions(timeoutMs))
    if (this.#ownsClient) {
      // Listening also keeps ioredis from printing every failed reconnect attempt.
      this.#client.on('error', (error: unknown) => {
        this.#lastConnectionError = error
      })
      this.#client.on('ready', () => {
        this.#lastConnectionError = undefined
      })
    }
  }

  get(key: string): Promise<string | null> {
    return this.#run('GET', (client) => client.get(this.prefix + key))
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const ttl = checkTtl(ttlMs)
    await this.#run('SET', (client) => client.set(this.prefix + key, value, 'PX', ttl))
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const ttl = checkTtl(ttlMs)
    const reply = await this.#run('SET NX', (client) => client.set(this.prefix + key, value, 'PX', ttl, 'NX'))
    return reply === 'OK'
  }

  async delete(key: string): Promise<boolean> {
    return (await this.#run('DEL', (client) => client.del(this.prefix + key))) === 1
  }

  async take(key: string): Promise<string | null> {
    const value = await this.#run('take', (client) => TAKE.run(client, [this.prefix + key], []))
    return typeof value === 'string' ? value : null
  }

  async compareAndSet(key: string, expected: string, next: string, ttlMs: number): Promise<boolean> {
    const ttl = checkTtl(ttlMs)
    const keys = [this.prefix + key]
    const replaced = await this.#run('compareAndSet', (client) =>
      COMPARE_AND_SET.run(client, keys, [expected, next, ttl]),
    )
    return replaced === 1
  }

  async touch(key: string, ttlMs: number): Promise<boolean> {
    const ttl = checkTtl(ttlMs)
    return (await this.#run('PEXPIRE', (client) => client.pexpire(this.prefix + key, ttl))) === 1
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    const ttl = checkTtl(ttlMs)
    const count = await this.#run('increment', async (client) => {
      try {
        return await INCREMENT.run(client, [this.prefix + key], [ttl])
      } catch (error) {
        if (isReplyError(error) && /not an integer/.test(error.message)) {
          throw new TypeError(`The value at ${JSON.stringify(key)} is not an integer counter`, {
            cause: error,
          })
        }
        throw error
      }
    })
    return Number(count)
  }

  /** Stops using Redis; closes the connection if this store opened it. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    if (!this.#ownsClient) return
    if (this.#client.status !== 'ready') {
      this.#client.disconnect()
      return
    }
    try {
      await this.#client.quit()
    } catch {
      this.#client.disconnect()
    }
  }

  /** Sends one command once the connection is ready, all within the deadline, and maps failures. */
  async #run<T>(operation: string, send: (client: RedisClient) => Promise<T>): Promise<T> {
    if (this.#closed) throw new StoreUnavailableError('RedisStore is closed')
    let gaveUp = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        gaveUp = true
        reject(
          new StoreUnavailableError(`Redis did not answer ${operation} within ${this.timeoutMs} ms`, {
            cause: this.#lastConnectionError,
          }),
        )
      }, this.timeoutMs)
    })
    const work = this.#whenReady().then(() => {
      // The caller already has its 503: sending now would apply a write nobody is waiting for.
      if (gaveUp) throw new StoreUnavailableError(`Abandoned ${operation} after the deadline`)
      return send(this.#client)
    })
    work.catch(() => {}) // the race's loser must not surface as an unhandled rejection
    try {
      return await Promise.race([work, deadline])
    } catch (error) {
      throw toStoreError(error, operation)
    } finally {
      clearTimeout(timer)
    }
  }

  #whenReady(): Promise<void> {
    const client = this.#client
    if (client.status === 'ready') return Promise.resolve()
    if (client.status === 'end') {
      return Promise.reject(new StoreUnavailableError('The Redis connection was closed'))
    }
    if (client.status === 'wait') client.connect().catch(() => {}) // a client made with lazyConnect
    this.#ready ??= new Promise<void>((resolve) => {
      client.once('ready', () => {
        this.#ready = undefined
        resolve()
      })
    })
    return this.#ready
  }
}

function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ReplyError'
}

/** Connection trouble and "busy" replies become `StoreUnavailableError`; caller mistakes stay as they are. */
function toStoreError(error: unknown, operation: string): unknown {
  if (error instanceof StoreUnavailableError || error instanceof TypeError) return error
  if (isReplyError(error) && !UNAVAILABLE_REPLY.test(error.message)) return error
  const reason = error instanceof Error ? error.message : String(error)
  return new StoreUnavailableError(`Redis could not answer ${operation}: ${reason}`, { cause: error })
}
