/**
 * The stores room's public door: the `TtlStore` interface, its embedded in-memory implementation and
 * the error every store throws when its backend cannot answer. The Redis implementation lives behind
 * `restmachine/redis` so that this core stays free of Node APIs.
 *
 * @example
 * import { MemoryStore, StoreUnavailableError, type TtlStore } from 'restmachine'
 */
export { MemoryStore, type MemoryStoreOptions } from './memory-store.js'
export { StoreUnavailableError } from './store-unavailable-error.js'
export type { TtlStore } from './ttl-store.js'
