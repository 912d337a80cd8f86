import { isLinkedNode, type LinkedTarget } from '../machine/index.js'

/**
 * The ids of the decision nodes a compiled plan can pass through. The planner has already dropped
 * the nodes that cannot change the route's outcome, so a node here is one the route really runs.
 *
 * @example
 * linkedNodeIds(plan.entry).has('G7') // the route answers 404 from resourceExists
 */
export function linkedNodeIds(entry: LinkedTarget): Set<string> {
  const seen = new Set<string>()
  const pending: LinkedTarget[] = [entry]
  while (pending.length > 0) {
    const next = pending.pop()
    if (next === undefined || !isLinkedNode(next) || seen.has(next.id)) continue
    seen.add(next.id)
    pending.push(next.onTrue, next.onFalse)
  }
  return seen
}
