// Re-exported for adapters, which may not import di: isThenable, and INJECT for the callbacks they build.
export { INJECT, isThenable } from '../di/index.js'
export type {
  DecisionNode,
  LinkedNode,
  LinkedTarget,
  NodeId,
  NodeTest,
  StatusOutcome,
  Target,
  Terminal,
} from './decision-node.js'
export { INTO_ROUTE, isLinkedNode } from './decision-node.js'
export { DIAGRAM, DIAGRAM_NODES, type DiagramNode, type DiagramNodeSpec } from './diagram.js'
export { Exchange, type HandledExchange, type RangeSelection, type RoutedExchange } from './exchange.js'
export { createRoutePlan, linkApplication, planForPath } from './link.js'
export type {
  DeclaredReturns,
  Handler,
  MachineConfig,
  Negotiation,
  PathEntry,
  RenderFunction,
  ResourceCallbacks,
  RouteFacts,
  RoutePlan,
} from './route-plan.js'
export { runMachine } from './run.js'
