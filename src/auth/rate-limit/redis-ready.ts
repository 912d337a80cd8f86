const everReady = new WeakSet<object>()
// One wait per client while it makes its first connection: concurrent requests share it, so a burst
// at start-up adds one `ready` listener, not one per request.
const firstConnection = new WeakMap<object, Promise<void>>()

/** What {@link whenRedisReady} needs of an ioredis client. */
interface ConnectingClient {
  readonly status?: unknown
  once?(event: 'ready', listener: () => void): unknown
  off?(event: 'ready', listener: () => void): unknown
  connect?(): Promise<unknown>
}

/**
 * Waits, at most `ms`, for an ioredis client that is still making its first connection to become
 * ready. The limiter refuses at once while Redis is not ready — it never queues — so without this
 * wait the first requests after start-up would be 503s. A client seen ready before is in an outage
 * when it is not ready: no wait then, the request fails fast. Resolves either way. Concurrent callers
 * share one wait (the first caller's `ms`).
 *
 * @example
 * await whenRedisReady(client, 2000)
 */
export function whenRedisReady(client: object, ms: number): Promise<void> {
  const redis = client as ConnectingClient
  const status = redis.status
  if (status === 'ready') everReady.add(client)
  if (typeof status !== 'string' || status === 'ready' || status === 'end' || status === 'close') {
    return Promise.resolve()
  }
  // Once connected, a client that is not ready means an outage: answer at once, do not wait.
  if (everReady.has(client)) return Promise.resolve()
  if (typeof redis.once !== 'function') return Promise.resolve()
  const pending = firstConnection.get(client)
  if (pending !== undefined) return pending
  if (status === 'wait') redis.connect?.().catch(() => {}) // a client made with lazyConnect
  const wait = new Promise<void>((resolve) => {
    const done = () => {
      if (redis.status === 'ready') everReady.add(client)
      clearTimeout(timer)
      redis.off?.('ready', done)
      firstConnection.delete(client)
      resolve()
    }
    const timer = setTimeout(done, ms)
    redis.once?.('ready', done)
  })
  firstConnection.set(client, wait)
  return wait
}
