import {
  INTO_ROUTE,
  type LinkedNode,
  type LinkedTarget,
  type NodeId,
  type Target,
  type Terminal,
} from './decision-node.js'
import { APP_ENTRY_NODE, DIAGRAM, DIAGRAM_NODES, ROUTE_ENTRY_NODE } from './diagram.js'
import type { MachineConfig, RouteFacts, RoutePlan } from './route-plan.js'

/**
 * Links the diagram from `start`: nodes that cannot change the outcome for this route are dropped
 * (their skip edge is followed instead), so the hot path runs only nodes that matter. A status
 * edge links to the table's own outcome object, so a run that ends there knows its reason. An edge
 * to `handOver` links to {@link INTO_ROUTE}: the application-wide part ends where a route's begins.
 */
function link(
  start: NodeId,
  facts: RouteFacts | undefined,
  config: MachineConfig,
  handOver: NodeId | undefined,
): LinkedTarget {
  const linked = new Map<NodeId, LinkedTarget>()
  const follow = (target: Target): LinkedTarget => {
    if (typeof target === 'object' || target === 'OPTIONS' || target === 'RENDERED') return target
    if (target === handOver) return INTO_ROUTE
    const done = linked.get(target)
    if (done !== undefined) return done
    const node = DIAGRAM_NODES[target]
    if ('relevant' in node && !node.relevant(facts, config)) {
      const skipped = follow(node[node.whenSkipped])
      linked.set(target, skipped)
      return skipped
    }
    // Edges are set once the node is in the map, so a node reached twice is linked once.
    const planned: LinkedNode = { id: target, test: node.test, onTrue: 'RENDERED', onFalse: 'RENDERED' }
    linked.set(target, planned)
    planned.onTrue = follow(node.onTrue)
    planned.onFalse = follow(node.onFalse)
    return planned
  }
  return follow(start)
}

/** Links the application-wide nodes (MESSAGE → B10); B10's "yes" goes {@link INTO_ROUTE}. */
export function linkApplication(config: MachineConfig): LinkedTarget {
  return link(APP_ENTRY_NODE, undefined, config, ROUTE_ENTRY_NODE)
}

/** The nodes that may be planned away, in table order: what a route's relevance key is made of. */
const SKIPPABLE = DIAGRAM.filter((node) => node.relevant !== undefined)
// One bit per skippable node in a double is exact up to 2^53.
if (SKIPPABLE.length > 53) throw new Error('link.ts: more than 53 skippable nodes; widen the relevance key')

/**
 * Linked route diagrams by relevance key, per application. Linking reads nothing of a route but
 * which nodes are relevant to it, and a linked node holds only the table's test and its edges, so
 * routes with the same key share one linked diagram (docs/decisions/0501-shared-linked-plans.md).
 */
const linkedByConfig = new WeakMap<MachineConfig, Map<number, LinkedNode | Terminal>>()

/** Which skippable nodes are relevant to a route, one bit per node: its linking's only input. */
function relevanceKey(facts: RouteFacts, config: MachineConfig): number {
  let key = 0
  for (const node of SKIPPABLE) key = key * 2 + (node.relevant?.(facts, config) === true ? 1 : 0)
  return key
}

/**
 * Makes a route's plan, whole: its facts and the diagram linked for them from B9 to the response.
 * Routes whose relevant nodes are the same share the linked diagram; the facts are the route's own.
 *
 * @example
 * const plan = createRoutePlan(facts, config)
 * plan.entry // B9's planned node, or the first node after it that can change the outcome
 */
export function createRoutePlan(facts: RouteFacts, config: MachineConfig): RoutePlan {
  let linked = linkedByConfig.get(config)
  if (linked === undefined) {
    linked = new Map()
    linkedByConfig.set(config, linked)
  }
  const key = relevanceKey(facts, config)
  let entry = linked.get(key)
  if (entry === undefined) {
    // Without a node to hand over at, linking never yields INTO_ROUTE.
    entry = link(ROUTE_ENTRY_NODE, facts, config, undefined) as LinkedNode | Terminal
    linked.set(key, entry)
  }
  return planOf(facts, entry, facts.template, facts.bodyLimit)
}

/**
 * The plan for another path and body limit, sharing everything else with `plan`, its linked
 * diagram included: no node's relevance reads the template or the body limit, so linking would
 * give the same diagram (the implicit OPTIONS plans, one per path, are made this way).
 *
 * @example
 * const options = planForPath(createRoutePlan(optionsFacts, config), '/users/{id}', bodyLimit)
 */
export function planForPath(plan: RoutePlan, template: string, bodyLimit: number): RoutePlan {
  return planOf(plan, plan.entry, template, bodyLimit)
}

/**
 * The plan as one object literal with every field named: every plan then has one hidden class, so
 * the nodes reading plans stay monomorphic however many routes there are. (A `{ ...facts, entry }`
 * spread gave each plan a hidden class of its own: 20,000 of them for 10,000 routes.) RouteFacts'
 * fields are all required, so a field added there and forgotten here does not compile.
 */
function planOf(
  facts: RouteFacts,
  entry: LinkedNode | Terminal,
  template: string,
  bodyLimit: number,
): RoutePlan {
  return {
    method: facts.method,
    template,
    steps: facts.steps,
    readsBody: facts.readsBody,
    readsJson: facts.readsJson,
    acceptsContentType: facts.acceptsContentType,
    bodyParsers: facts.bodyParsers,
    parserFor: facts.parserFor,
    bodyLimit,
    handler: facts.handler,
    resource: facts.resource,
    creates: facts.creates,
    conflict: facts.conflict,
    negotiation: facts.negotiation,
    ranges: facts.ranges,
    cacheControl: facts.cacheControl,
    cors: facts.cors,
    compression: facts.compression,
    returns: facts.returns,
    entry,
  }
}
