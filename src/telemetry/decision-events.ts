import {
  DIAGRAM_NODES,
  INTO_ROUTE,
  type LinkedNode,
  type LinkedTarget,
  type RoutePlan,
  type Terminal,
} from '../machine/index.js'

/** One decision node a run passed, as a span event: its name and attributes. */
export interface DecisionEvent {
  readonly name: string
  readonly node: string
  /** The node's answer; absent when it threw (or when both its edges lead to the same place). */
  readonly answer: boolean | undefined
}

/**
 * The decision nodes one run passed, with each node's answer, worded for span events:
 * `B9 Malformed? → false`, and for the last node the status the request got,
 * `B8 Authorized? → false → 401`. A node's answer is read from the path itself: the edge it took
 * is the one that leads to the next node passed (or, for the last, to the run's outcome), so the
 * run loop records nothing but the nodes. A node that threw is `→ threw → 500`.
 *
 * @example
 * decisionEvents(exchange.trace, exchange.outcome, exchange.plan, 401)
 * // [..., { name: 'B8 Authorized? → false → 401', node: 'B8', answer: false }]
 */
export function decisionEvents(
  path: readonly LinkedNode[],
  outcome: Terminal | undefined,
  plan: Pick<RoutePlan, 'entry'> | undefined,
  status: number,
): DecisionEvent[] {
  const events: DecisionEvent[] = []
  for (let i = 0; i < path.length; i++) {
    const node = path[i] as LinkedNode
    const last = i === path.length - 1
    const reached = last ? outcome : path[i + 1]
    const answer = reached === undefined ? undefined : edgeTaken(node, reached, plan)
    const words = answer === undefined ? (last && outcome === undefined ? 'threw' : '?') : String(answer)
    const label = DIAGRAM_NODES[node.id].label
    const name = last ? `${node.id} ${label} → ${words} → ${status}` : `${node.id} ${label} → ${words}`
    events.push({ name, node: node.id, answer })
  }
  return events
}

/** Which of `node`'s edges leads to `reached`, or `undefined` when both (or neither) do. */
function edgeTaken(
  node: LinkedNode,
  reached: LinkedTarget,
  plan: Pick<RoutePlan, 'entry'> | undefined,
): boolean | undefined {
  const onTrue = follow(node.onTrue, plan) === reached
  const onFalse = follow(node.onFalse, plan) === reached
  return onTrue === onFalse ? undefined : onTrue
}

function follow(target: LinkedTarget, plan: Pick<RoutePlan, 'entry'> | undefined): LinkedTarget | undefined {
  return target === INTO_ROUTE ? plan?.entry : target
}
