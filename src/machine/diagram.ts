import {
  b4ContentTooLarge,
  b5KnownContentType,
  b6ValidContentHeaders,
  g7ResourceExists,
  inputValid,
} from './content-nodes.js'
import type { DecisionNode } from './decision-node.js'
import {
  b3Options,
  b7Forbidden,
  b8Authorized,
  b9Malformed,
  b10MethodAllowed,
  b11UriTooLong,
  b12KnownMethod,
  b13ServiceAvailable,
  routeMatches,
} from './request-nodes.js'
import type { MachineConfig, RoutePlan } from './route-plan.js'

/** A node of the diagram plus the planner's rule for when it can change a route's outcome. */
export interface DiagramNode extends DecisionNode {
  /** Whether the node can change the outcome; `undefined` means always. */
  readonly relevant?: (plan: RoutePlan | undefined, config: MachineConfig) => boolean
}

const METHODS_WITH_CONTENT = new Set(['POST', 'PUT', 'PATCH'])

/**
 * The decision diagram as data, in webmachine v3 order where RFC 9110 agrees. Edges name the next
 * node or the status the request ends with. docs/decision-flow.md is generated from this table.
 */
export const DIAGRAM: readonly DiagramNode[] = [
  {
    id: 'B13',
    label: 'Service available?',
    test: b13ServiceAvailable,
    onTrue: 'B12',
    onFalse: 503,
    whenSkipped: 'onTrue',
    relevant: (_, config) => config.serviceAvailable !== undefined,
  },
  {
    id: 'B12',
    label: 'Known method?',
    test: b12KnownMethod,
    onTrue: 'B11',
    onFalse: 501,
    whenSkipped: 'onTrue',
  },
  {
    id: 'B11',
    label: 'URI too long?',
    test: b11UriTooLong,
    onTrue: 414,
    onFalse: 'ROUTE',
    whenSkipped: 'onFalse',
  },
  {
    id: 'ROUTE',
    label: 'Route matches path?',
    test: routeMatches,
    onTrue: 'B10',
    onFalse: 404,
    whenSkipped: 'onTrue',
  },
  {
    id: 'B10',
    label: 'Method allowed?',
    test: b10MethodAllowed,
    onTrue: 'B9',
    onFalse: 405,
    whenSkipped: 'onTrue',
  },
  {
    id: 'B9',
    label: 'Malformed?',
    test: b9Malformed,
    onTrue: 400,
    onFalse: 'B8',
    whenSkipped: 'onFalse',
    relevant: (_, config) => config.malformed !== undefined,
  },
  {
    id: 'B8',
    label: 'Authorized?',
    test: b8Authorized,
    onTrue: 'B7',
    onFalse: 401,
    whenSkipped: 'onTrue',
    relevant: (plan) => (plan?.steps.authorize.length ?? 0) > 0,
  },
  {
    id: 'B7',
    label: 'Forbidden?',
    test: b7Forbidden,
    onTrue: 403,
    onFalse: 'B3',
    whenSkipped: 'onFalse',
    relevant: (plan) => (plan?.steps.forbid.length ?? 0) > 0,
  },
  {
    id: 'B3',
    label: 'OPTIONS?',
    test: b3Options,
    onTrue: 'OPTIONS',
    onFalse: 'G7',
    whenSkipped: 'onFalse',
    relevant: (plan) => plan?.method === 'OPTIONS' && plan.handler === undefined,
  },
  {
    id: 'G7',
    label: 'Resource exists?',
    test: g7ResourceExists,
    onTrue: 'B4',
    onFalse: 404,
    whenSkipped: 'onTrue',
    relevant: (plan) => (plan?.steps.resource.length ?? 0) > 0,
  },
  {
    id: 'B4',
    label: 'Content too large?',
    test: b4ContentTooLarge,
    onTrue: 413,
    onFalse: 'B5',
    whenSkipped: 'onFalse',
    relevant: (plan) => plan !== undefined && (plan.readsBody || METHODS_WITH_CONTENT.has(plan.method)),
  },
  {
    id: 'B5',
    label: 'Known content type?',
    test: b5KnownContentType,
    onTrue: 'B6',
    onFalse: 415,
    whenSkipped: 'onTrue',
    relevant: (plan) => plan?.readsJson === true,
  },
  {
    id: 'B6',
    label: 'Valid content headers?',
    test: b6ValidContentHeaders,
    onTrue: 'INPUT',
    onFalse: 415,
    whenSkipped: 'onTrue',
    relevant: (plan) => plan?.readsBody === true,
  },
  {
    id: 'INPUT',
    label: 'Input valid?',
    test: inputValid,
    onTrue: 'HANDLER',
    onFalse: 422,
    whenSkipped: 'onTrue',
    relevant: (plan) => (plan?.steps.input.length ?? 0) > 0,
  },
]

/** The node where the application-wide part of the diagram hands over to a route's plan. */
export const ROUTE_ENTRY_NODE = 'B9'
