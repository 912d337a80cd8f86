export { isThenable } from '../di/index.js'
export type {
  DecisionNode,
  NodeId,
  NodeTest,
  PlannedNode,
  StatusOutcome,
  Target,
  Terminal,
} from './decision-node.js'
export { DIAGRAM, DIAGRAM_NODES, type DiagramNode, type DiagramNodeSpec } from './diagram.js'
export { Exchange } from './exchange.js'
export { compileAppPlan, compileRoutePlan, ROUTED } from './plan.js'
export type { Handler, MachineConfig, PathEntry, RoutePlan } from './route-plan.js'
export { runPlan } from './run.js'
