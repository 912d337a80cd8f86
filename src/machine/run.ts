import { INTO_ROUTE, type LinkedTarget, type Terminal } from './decision-node.js'
import type { Exchange, HandledExchange } from './exchange.js'

/**
 * Runs the machine once for a request: walks the linked diagram from `start` (the application's
 * MESSAGE) through the route B10 chose, to the outcome the response is made from. Stays synchronous
 * while every node answers synchronously; from the first asynchronous answer on, it returns a
 * promise. Errors thrown by nodes propagate (synchronously, or as a rejection) to the caller, which
 * turns them into responses. With `recordAnsweringNode` on, `exchange.answeredBy` is the last node
 * run: the one whose answer (a status edge, or a thrown error) ended the run.
 */
export function runMachine(request: Exchange, start: LinkedTarget): Terminal | Promise<Terminal> {
  // Each node's function declares the part of the exchange it reads, and the diagram's order makes
  // that true: route nodes run after B10 chose the route, response nodes after HANDLER rendered.
  const exchange = request as HandledExchange
  const trace = exchange.trace
  // Only the access log reads which node answered: with it off, the loop writes nothing more.
  const record = exchange.config.recordAnsweringNode
  let node = start
  while (typeof node === 'object' && 'test' in node) {
    const current = node
    trace?.push(current)
    if (record) exchange.answeredBy = current.id
    const answer = current.test(exchange)
    if (typeof answer !== 'boolean') {
      return answer.then((yes) =>
        runMachine(exchange, next(exchange, yes ? current.onTrue : current.onFalse)),
      )
    }
    // Inline of next(): this line runs for every node of every request.
    node = answer ? current.onTrue : current.onFalse
    if (node === INTO_ROUTE) node = exchange.plan.entry
  }
  exchange.outcome = node as Terminal
  return exchange.outcome
}

/** An edge's target, with {@link INTO_ROUTE} resolved to the chosen route's entry. */
function next(exchange: HandledExchange, target: LinkedTarget): LinkedTarget {
  return target === INTO_ROUTE ? exchange.plan.entry : target
}
