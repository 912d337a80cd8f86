import type { RedisOptions } from 'ioredis'

/**
 * ioredis settings that make a Redis outage fail closed and fast, then heal by itself. `RedisStore`
 * uses them for the client it creates; spread them into your own options when you bring a client
 * (TLS, Sentinel…) so it behaves the same.
 *
 * - `enableOfflineQueue: false` — while disconnected, ioredis rejects a command instead of queueing
 *   it. A queued command would run after Redis returns, long after its caller was told "503": a
 *   late `take` would burn a refresh token, a late `increment` would over-count. (`RedisStore`
 *   itself waits, within its deadline, for a connection in progress, so start-up needs no queue.)
 * - `autoResendUnfulfilledCommands: false` — for the same reason, commands in flight when the
 *   connection drops are not re-sent after reconnecting.
 * - `maxRetriesPerRequest: 0` — in-flight commands are rejected as soon as the connection closes,
 *   not after twenty reconnect attempts.
 * - `commandTimeout: timeoutMs` — a command Redis does not answer (paused, overloaded, or a
 *   half-open socket) rejects after `timeoutMs`.
 * - `socketTimeout: max(5 s, 2 × timeoutMs)` — a connection that has sent commands and received
 *   nothing for that long is treated as dead and replaced, so a silent network drop heals.
 * - `connectTimeout: timeoutMs` — a connection attempt to an unresponsive host gives up quickly and
 *   the next attempt starts.
 * - `retryStrategy` — reconnect forever, after 100 ms, 200 ms, … at most 1 s apart, so service
 *   resumes within about a second of Redis coming back.
 * - `enableReadyCheck: true` — the client reports ready only once Redis has finished loading its
 *   data, so a restarting Redis never answers "absent" for a session it has not loaded yet.
 *
 * @example
 * const client = new Redis(process.env.REDIS_URL!, { ...failClosedRedisOptions(), tls: {} })
 * const store = new RedisStore({ client })
 */
export function failClosedRedisOptions(timeoutMs = 2000): RedisOptions {
  return {
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    commandTimeout: timeoutMs,
    socketTimeout: Math.max(5000, 2 * timeoutMs),
    connectTimeout: timeoutMs,
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 1000),
    enableReadyCheck: true,
  }
}
