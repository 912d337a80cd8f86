/**
 * `restmachine/redis`: the Redis-backed `TtlStore`, kept apart from the core because it needs Node
 * (ioredis, sockets).
 *
 * @example
 * import { RedisStore } from 'restmachine/redis'
 * const store = new RedisStore({ url: process.env.REDIS_URL, prefix: 'myapp:' })
 */
export { failClosedRedisOptions, RedisStore, type RedisStoreOptions } from '../stores/redis/index.js'
