/**
 * Thrown by every `TtlStore` whose backend cannot answer in time (down, unreachable, too slow,
 * or the store was closed). The framework maps it to 503 Service Unavailable: state it cannot read is
 * never treated as "let in". The backend's own error, when there is one, is the `cause`.
 *
 * @example
 * try {
 *   session = await store.get(key)
 * } catch (error) {
 *   if (error instanceof StoreUnavailableError) throw new ServiceUnavailable('Try again shortly')
 *   throw error
 * }
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError'
  /** A stable code for logs and error mapping. */
  readonly code = 'STORE_UNAVAILABLE'

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}
