import type { NodeId, StatusOutcome, Target } from './decision-node.js'
import { DIAGRAM } from './diagram.js'

/**
 * Which node's edge a status outcome is. Every status edge of the table is its own object, and a
 * linked plan ends on that same object (src/machine/link.ts), so the outcome names its node without
 * the run recording anything. Built on first use (only the access log asks).
 */
let byOutcome: ReadonlyMap<Target, NodeId> | undefined

/**
 * The node whose edge ended a run with `outcome` (`B8` for its 401), or `undefined` for an
 * object that is not one of the table's edges.
 *
 * @example
 * answeringNode(DIAGRAM_NODES.B8.onFalse) // 'B8'
 */
export function answeringNode(outcome: StatusOutcome): NodeId | undefined {
  if (byOutcome === undefined) {
    const map = new Map<Target, NodeId>()
    for (const node of DIAGRAM) {
      if (typeof node.onTrue === 'object') map.set(node.onTrue, node.id)
      if (typeof node.onFalse === 'object') map.set(node.onFalse, node.id)
    }
    byOutcome = map
  }
  return byOutcome.get(outcome)
}
