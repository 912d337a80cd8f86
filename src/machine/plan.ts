import type { PlannedNode, Target, Terminal } from './decision-node.js'
import { DIAGRAM, type DiagramNode, ROUTE_ENTRY_NODE } from './diagram.js'
import type { MachineConfig, RoutePlan } from './route-plan.js'

/** Ends the application-wide part of the run: continue with the matched route's plan. */
export const ROUTED = 'ROUTED' as const

const NODES = new Map(DIAGRAM.map((node) => [node.id, node]))

/**
 * Links the diagram into a plan: nodes that cannot change the outcome for this route are dropped
 * (their skip edge is followed instead), so the hot path runs only nodes that matter.
 */
function compile(
  start: string,
  plan: RoutePlan | undefined,
  config: MachineConfig,
  stopAt: string | undefined,
): PlannedNode | Terminal | typeof ROUTED {
  const linked = new Map<string, PlannedNode | Terminal | typeof ROUTED>()
  const link = (target: Target): PlannedNode | Terminal | typeof ROUTED => {
    if (typeof target === 'number' || target === 'HANDLER' || target === 'OPTIONS') return target
    if (target === stopAt) return ROUTED
    const done = linked.get(target)
    if (done !== undefined) return done
    const node = NODES.get(target) as DiagramNode
    if (node.relevant !== undefined && !node.relevant(plan, config)) {
      const skipped = link(node[node.whenSkipped])
      linked.set(target, skipped)
      return skipped
    }
    const planned: PlannedNode = { id: node.id, test: node.test, onTrue: 'HANDLER', onFalse: 'HANDLER' }
    linked.set(target, planned)
    planned.onTrue = link(node.onTrue) as PlannedNode | Terminal
    planned.onFalse = link(node.onFalse) as PlannedNode | Terminal
    return planned
  }
  return link(start)
}

/** Compiles the application-wide nodes (B13 → B10); ends with {@link ROUTED}. */
export function compileAppPlan(config: MachineConfig): PlannedNode | Terminal | typeof ROUTED {
  return compile(DIAGRAM[0]?.id as string, undefined, config, ROUTE_ENTRY_NODE)
}

/** Compiles one route's nodes (B9 → handler). */
export function compileRoutePlan(plan: RoutePlan, config: MachineConfig): PlannedNode | Terminal {
  return compile(ROUTE_ENTRY_NODE, plan, config, undefined) as PlannedNode | Terminal
}
