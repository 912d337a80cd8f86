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
export { isThenable } from './resolve-steps.js'
export type { Handler, MachineConfig, PathEntry, PlanSteps, RoutePlan } from './route-plan.js'
export { runPlan } from './run.js'
