/** How long a parser may run before it lets the event loop serve other work, in ms. */
const BUDGET_MS = 3

/**
 * Keeps a long parse from blocking the event loop: `due()` says when the time budget is spent, and
 * `rest()` yields one macrotask turn (`setTimeout`, present in every runtime) so timers and other
 * connections run before parsing resumes. A parse that fits in the budget never yields.
 *
 * @example
 * const pacer = new Pacer()
 * for (const chunk of chunks) {
 *   if (pacer.due()) await pacer.rest()
 *   scan(chunk)
 * }
 */
export class Pacer {
  #since = performance.now()

  /** Whether the budget since the start (or the last rest) is spent. */
  due(): boolean {
    return performance.now() - this.#since > BUDGET_MS
  }

  /** Yields to the event loop, then starts a new budget. */
  async rest(): Promise<void> {
    await new Promise<void>((resolve) => setTimeout(resolve, 0))
    this.#since = performance.now()
  }
}
