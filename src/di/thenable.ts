/**
 * Whether a value is a promise-like (so callers await only when they must).
 *
 * @example
 * const value = provider.resolve(context, state)
 * if (isThenable(value)) return value.then(next)
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  // Native promises first: a \`then\` lookup on arbitrary objects is a megamorphic property load.
  if (value instanceof Promise) return true
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) === Object.prototype)
    return false
  return typeof (value as { then?: unknown }).then === 'function'
}

/**
 * Calls `next` with the value, at once when it is a plain value, or once it settles when it is a
 * promise-like: the one way the framework goes on after a callback that may be asynchronous, so
 * the synchronous path allocates no promise.
 *
 * @example
 * return whenSettled(fact.resolve(context), (tag) => tag !== undefined)
 */
export function whenSettled<V, T>(
  value: V | PromiseLike<V>,
  next: (settled: V) => T | Promise<T>,
): T | Promise<T> {
  return isThenable(value) ? Promise.resolve(value as PromiseLike<V>).then(next) : next(value as V)
}
