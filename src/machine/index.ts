export { isThenable } from '../di/index.js'
export type {
  DecisionNode,
  NodeId,
  NodeTest,
  PlannedNode,
  PlannedTarget,
  StatusOutcome,
  Target,
  Terminal,
} from './decision-node.js'
export { INTO_ROUTE, isPlannedNode } from './decision-node.js'
export { DIAGRAM, DIAGRAM_NODES, type DiagramNode, type DiagramNodeSpec } from './diagram.js'
export { Exchange, type HandledExchange, type RoutedExchange } from './exchange.js'
export { compileAppPlan, createRoutePlan } from './plan.js'
export type {
  Handler,
  MachineConfig,
  Negotiation,
  PathEntry,
  RenderFunction,
  RouteFacts,
  RoutePlan,
} from './route-plan.js'
export { runMachine } from './run.js'
