import { type NodeId, type PlannedNode, ROUTED, type Target, type Terminal } from './decision-node.js'
import { APP_ENTRY_NODE, DIAGRAM_NODES, ROUTE_ENTRY_NODE } from './diagram.js'
import type { MachineConfig, RoutePlan } from './route-plan.js'

export { ROUTED }

type Linked = PlannedNode | Terminal | typeof ROUTED

/**
 * Links the diagram into a plan: nodes that cannot change the outcome for this route are dropped
 * (their skip edge is followed instead), so the hot path runs only nodes that matter. A status
 * edge links to the table's own outcome object, so a run that ends there knows its reason.
 */
function compile(
  start: NodeId,
  plan: RoutePlan | undefined,
  config: MachineConfig,
  stopAt: NodeId | undefined,
): Linked {
  const linked = new Map<NodeId, Linked>()
  const link = (target: Target): Linked => {
    if (typeof target === 'object' || target === 'HANDLER' || target === 'OPTIONS') return target
    if (target === stopAt) return ROUTED
    const done = linked.get(target)
    if (done !== undefined) return done
    const node = DIAGRAM_NODES[target]
    if ('relevant' in node && !node.relevant(plan, config)) {
      const skipped = link(node[node.whenSkipped])
      linked.set(target, skipped)
      return skipped
    }
    const planned: PlannedNode = { id: target, test: node.test, onTrue: 'HANDLER', onFalse: 'HANDLER' }
    linked.set(target, planned)
    planned.onTrue = link(node.onTrue)
    planned.onFalse = link(node.onFalse)
    return planned
  }
  return link(start)
}

/** Compiles the application-wide nodes (B13 → B10); ends with {@link ROUTED}. */
export function compileAppPlan(config: MachineConfig): Linked {
  return compile(APP_ENTRY_NODE, undefined, config, ROUTE_ENTRY_NODE)
}

/** Compiles one route's nodes (B9 → handler). */
export function compileRoutePlan(plan: RoutePlan, config: MachineConfig): PlannedNode | Terminal {
  // Without a node to stop at, the link never yields ROUTED.
  return compile(ROUTE_ENTRY_NODE, plan, config, undefined) as PlannedNode | Terminal
}
