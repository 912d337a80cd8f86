/** Something with an expiry time that remembers where it sits in an {@link ExpiryHeap}. */
export interface ExpiringItem {
  expiresAt: number
  heapIndex: number
}

/**
 * A binary min-heap ordered by `expiresAt` that can also remove or re-order any item it holds, in
 * O(log n), because each item carries its own `heapIndex`. It lets the memory store find the next
 * entry to expire (for sweeping and for eviction) without scanning every entry.
 *
 * @example
 * const heap = new ExpiryHeap<{ expiresAt: number; heapIndex: number }>()
 * const soon = { expiresAt: 10, heapIndex: -1 }
 * heap.push({ expiresAt: 30, heapIndex: -1 })
 * heap.push(soon)
 * heap.peek() === soon // true
 */
export class ExpiryHeap<T extends ExpiringItem> {
  readonly #items: T[] = []

  /** How many items the heap holds. */
  get size(): number {
    return this.#items.length
  }

  /** The item that expires first, or `undefined` when empty. */
  peek(): T | undefined {
    return this.#items[0]
  }

  /** Adds an item that is not yet in the heap. */
  push(item: T): void {
    item.heapIndex = this.#items.length
    this.#items.push(item)
    this.#up(item.heapIndex)
  }

  /** Removes an item held by this heap. */
  remove(item: T): void {
    const index = item.heapIndex
    const last = this.#items.pop() as T
    item.heapIndex = -1
    if (last === item) return
    this.#items[index] = last
    last.heapIndex = index
    this.#down(this.#up(index))
  }

  /** Restores the order after a held item's `expiresAt` changed. */
  update(item: T): void {
    this.#down(this.#up(item.heapIndex))
  }

  /** Empties the heap. */
  clear(): void {
    for (const item of this.#items) item.heapIndex = -1
    this.#items.length = 0
  }

  #up(index: number): number {
    const items = this.#items
    while (index > 0) {
      const parent = (index - 1) >> 1
      if ((items[parent] as T).expiresAt <= (items[index] as T).expiresAt) break
      this.#swap(index, parent)
      index = parent
    }
    return index
  }

  #down(index: number): void {
    const items = this.#items
    for (;;) {
      const left = 2 * index + 1
      const right = left + 1
      let smallest = index
      if (left < items.length && (items[left] as T).expiresAt < (items[smallest] as T).expiresAt)
        smallest = left
      if (right < items.length && (items[right] as T).expiresAt < (items[smallest] as T).expiresAt)
        smallest = right
      if (smallest === index) return
      this.#swap(index, smallest)
      index = smallest
    }
  }

  #swap(a: number, b: number): void {
    const items = this.#items
    const itemA = items[a] as T
    const itemB = items[b] as T
    items[a] = itemB
    items[b] = itemA
    itemA.heapIndex = b
    itemB.heapIndex = a
  }
}
