/**
 * A ring of the last `limit` items: adding one past the limit drops the oldest. Bounded memory
 * whatever the traffic, and no allocation per item beyond the item itself.
 *
 * @example
 * const ring = new TraceBuffer<number>(2)
 * ring.add(1); ring.add(2); ring.add(3)
 * ring.newestFirst() // [3, 2]
 */
export class TraceBuffer<T> {
  readonly #items: (T | undefined)[]
  #next = 0
  #size = 0

  constructor(limit: number) {
    this.#items = new Array<T | undefined>(limit).fill(undefined)
  }

  add(item: T): void {
    this.#items[this.#next] = item
    this.#next = (this.#next + 1) % this.#items.length
    if (this.#size < this.#items.length) this.#size++
  }

  /** The items kept, newest first. */
  newestFirst(): T[] {
    const items: T[] = []
    const length = this.#items.length
    for (let i = 1; i <= this.#size; i++) items.push(this.#items[(this.#next - i + length) % length] as T)
    return items
  }
}
