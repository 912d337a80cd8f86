/**
 * The value, or an `Error` naming what the test expected to find: a test reads `list[0]`, `map.get(key)`
 * or `find(…)` through it and fails there with a clear message, not with a `TypeError` further on.
 *
 * @example
 * const posts = defined(app.describe().paths[0], 'the first path')
 */
export function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`expected ${what}, found nothing`)
  return value
}
