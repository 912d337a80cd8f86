import type { Exchange } from './exchange.js'

/**
 * Every node id of the decision diagram (src/machine/diagram.ts is keyed by exactly these), so an
 * edge to a node that does not exist is a compile error.
 */
export type NodeId =
  | 'B13'
  | 'B12'
  | 'B11'
  | 'ROUTE'
  | 'B10'
  | 'B9'
  | 'B8'
  | 'B7'
  | 'B3'
  | 'C4'
  | 'D5'
  | 'E6'
  | 'G7'
  | 'K7'
  | 'K5'
  | 'L5'
  | 'G8'
  | 'G11'
  | 'H10'
  | 'H12'
  | 'I12'
  | 'K13'
  | 'J18'
  | 'L13'
  | 'L17'
  | 'O14'
  | 'B4'
  | 'B5'
  | 'B6'
  | 'INPUT'

/**
 * An edge that ends the run with a status, and why. For an error status the reason is the default
 * message of the machine's answer: `{method}`, `{limit}` and `{maxUriLength}` are filled in from
 * the request, the route's body limit and the configured URI limit.
 *
 * @example
 * const refusal: StatusOutcome = { status: 401, reason: 'Authentication required' }
 */
export interface StatusOutcome {
  readonly status: number
  readonly reason: string
  /** The reason sent instead when the route reads JSON and the request has no Content-Encoding. */
  readonly jsonReason?: string
}

/** Where an edge leads: another node, a status with its reason, or the end of the diagram. */
export type Target = NodeId | StatusOutcome | 'HANDLER' | 'OPTIONS'

/** Where a run ends: a status with its reason, the handler, or the implicit OPTIONS answer. */
export type Terminal = StatusOutcome | 'HANDLER' | 'OPTIONS'

/** A node's question about the request; may be asynchronous when it resolves dependencies. */
export type NodeTest = (exchange: Exchange) => boolean | Promise<boolean>

/**
 * One node of the decision diagram, as data. `relevant` tells the planner whether the node can
 * change the outcome for a route; when it cannot, the planner follows `whenSkipped` instead.
 */
export interface DecisionNode {
  readonly id: NodeId
  readonly label: string
  readonly test: NodeTest
  readonly onTrue: Target
  readonly onFalse: Target
  /** The edge the request takes when the node is skipped for a route. */
  readonly whenSkipped: 'onTrue' | 'onFalse'
}

/** Ends the application-wide part of the run: continue with the matched route's plan. */
export const ROUTED = 'ROUTED' as const

/**
 * A node linked into a plan: edges point at planned nodes or outcomes ({@link ROUTED} only in the
 * application-wide part).
 */
export interface PlannedNode {
  readonly id: NodeId
  readonly test: NodeTest
  onTrue: PlannedNode | Terminal | typeof ROUTED
  onFalse: PlannedNode | Terminal | typeof ROUTED
}

/**
 * Whether a planned edge leads to another node (and not to an outcome).
 *
 * @example
 * isPlannedNode(plan.entry) // false when every node of the route was planned away
 */
export function isPlannedNode(target: PlannedNode | Terminal | typeof ROUTED): target is PlannedNode {
  return typeof target === 'object' && 'test' in target
}
