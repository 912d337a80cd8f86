/**
 * The door of the stores room's Node-only part: the Redis-backed `TtlStore` and the ioredis settings
 * it uses. It needs Node (ioredis, sockets), so the stores door `src/stores/index.ts`, compiled
 * without Node types, does not export it; `restmachine/redis` (`src/entries/redis.ts`) does.
 */
export { failClosedRedisOptions } from './redis-options.js'
export { RedisStore, type RedisStoreOptions } from './redis-store.js'
