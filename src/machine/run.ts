import type { PlannedNode, ROUTED, Terminal } from './decision-node.js'
import type { Exchange } from './exchange.js'

type Outcome = Terminal | typeof ROUTED

/**
 * Walks planned nodes from `start` until an outcome. Stays synchronous while every node answers
 * synchronously; from the first asynchronous answer on, it returns a promise. Errors thrown by
 * nodes propagate (synchronously, or as a rejection) to the caller, which turns them into responses.
 */
export function runPlan(exchange: Exchange, start: PlannedNode | Outcome): Outcome | Promise<Outcome> {
  let node = start
  const trace = exchange.trace
  // A planned node has a test; a status outcome (also an object) has none.
  while (typeof node === 'object' && 'test' in node) {
    const current: PlannedNode = node
    trace?.push(current.id)
    const answer = current.test(exchange)
    if (typeof answer !== 'boolean') {
      return answer.then((yes) => runPlan(exchange, yes ? current.onTrue : current.onFalse))
    }
    node = answer ? current.onTrue : current.onFalse
  }
  return node
}
