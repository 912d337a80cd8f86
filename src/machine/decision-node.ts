import type { HandledExchange } from './exchange.js'

/**
 * Every node id of the decision diagram (src/machine/diagram.ts is keyed by exactly these), so an
 * edge to a node that does not exist is a compile error.
 */
export type NodeId =
  | 'MESSAGE'
  | 'B13'
  | 'B12'
  | 'B11'
  | 'ROUTE'
  | 'PATH'
  | 'B10'
  | 'B9'
  | 'B8'
  | 'B7'
  | 'B3'
  | 'C4'
  | 'D5'
  | 'E6'
  | 'F7'
  | 'G7'
  | 'I7'
  | 'H7'
  | 'P3'
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
  | 'HANDLER'
  | 'P11'
  | 'PARTIAL'
  | 'SATISFIABLE'

/**
 * An edge that ends the run with a status, and why. For an error status the reason is the default
 * message of the machine's answer: `{method}`, `{limit}`, `{maxUriLength}` and `{problem}` are filled
 * in from the request, the route's body limit, the configured URI limit and what MESSAGE found. For
 * a success status (200, 201, 206) the response is the handler's rendered representation with
 * that status.
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

/**
 * Where a run ends: a status with its reason; `'OPTIONS'`, the implicit answer to OPTIONS (204 +
 * `Allow`, and the CORS preflight answer); or `'RENDERED'`, the handler's representation with the
 * status it chose (204 for no content, or one it set itself).
 */
export type Terminal = StatusOutcome | 'OPTIONS' | 'RENDERED'

/** Where an edge leads: another node, or the end of the run. */
export type Target = NodeId | Terminal

/**
 * A node's question about the request; may be asynchronous when it resolves dependencies. Each
 * node's function declares the part of the exchange it may read: an `Exchange` before B10, a
 * `RoutedExchange` from B9 on (the route is chosen), a `HandledExchange` after HANDLER (the
 * representation exists). The table holds them all, so its type is the narrowest; the run loop
 * is where the diagram's order makes each node's declaration true.
 */
export type NodeTest = (exchange: HandledExchange) => boolean | Promise<boolean>

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

/**
 * Where the application-wide part of a linked run (MESSAGE → B10) goes on: the entry of the route
 * B10 chose. The run loop follows it within the same run; it is never an outcome.
 */
export const INTO_ROUTE = 'INTO_ROUTE' as const

/** A planned edge: the next node, the end of the run, or (application-wide) the chosen route. */
export type LinkedTarget = LinkedNode | Terminal | typeof INTO_ROUTE

/** A node linked into a plan: edges point at planned nodes or outcomes. */
export interface LinkedNode {
  readonly id: NodeId
  readonly test: NodeTest
  onTrue: LinkedTarget
  onFalse: LinkedTarget
}

/**
 * Whether a planned edge leads to another node (and not to an outcome).
 *
 * @example
 * isLinkedNode(plan.entry) // false when every node of the route was planned away
 */
export function isLinkedNode(target: LinkedTarget): target is LinkedNode {
  return typeof target === 'object' && 'test' in target
}
