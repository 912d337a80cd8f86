import type { Exchange } from './exchange.js'

/** Where an edge leads: another node's id, a status code, or the end of the diagram. */
export type Target = string | number | 'HANDLER' | 'OPTIONS'

/** Where a planned edge leads at run time: a node, or an outcome. */
export type Terminal = number | 'HANDLER' | 'OPTIONS'

/** A node's question about the request; may be asynchronous when it resolves dependencies. */
export type NodeTest = (exchange: Exchange) => boolean | Promise<boolean>

/**
 * One node of the decision diagram, as data. `relevant` tells the planner whether the node can
 * change the outcome for a route; when it cannot, the planner follows `whenSkipped` instead.
 */
export interface DecisionNode {
  readonly id: string
  readonly label: string
  readonly test: NodeTest
  readonly onTrue: Target
  readonly onFalse: Target
  /** The edge the request takes when the node is skipped for a route. */
  readonly whenSkipped: 'onTrue' | 'onFalse'
}

/** A node linked into a route's plan: edges point at planned nodes or outcomes. */
export interface PlannedNode {
  readonly id: string
  readonly test: NodeTest
  onTrue: PlannedNode | Terminal
  onFalse: PlannedNode | Terminal
}
