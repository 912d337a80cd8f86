import type { Provider } from '../di/provider.js'
import type { RestRequest } from '../http/rest-request.js'
import type { Router } from '../router/router.js'
import type { PlannedNode, Terminal } from './decision-node.js'

/** A route handler: receives the context object, returns what to send. */
export type Handler = (context: Record<string, unknown>) => unknown

/** The providers a route needs, grouped by the decision node that resolves them. */
export interface PlanSteps {
  /** Free values (request, headers, startup values…), set before the diagram runs. */
  readonly seed: readonly Provider[]
  /** Resolved at B8: authentication and everything else that needs neither a resource nor the body. */
  readonly authorize: readonly Provider[]
  /** Resolved at B7: `forbidden` callbacks that need no resource. */
  readonly forbid: readonly Provider[]
  /** Resolved at G7: `resourceExists` callbacks and what depends on them. */
  readonly resource: readonly Provider[]
  /** Resolved at INPUT: the body, validators and what depends on them. */
  readonly input: readonly Provider[]
}

/** Everything the machine needs to serve one method of one route, compiled at start-up. */
export interface RoutePlan {
  readonly method: string
  readonly template: string
  readonly steps: PlanSteps
  /** Whether the handler's dependencies read the request content at all. */
  readonly readsBody: boolean
  /** Whether they parse it as JSON (so the content type must be JSON). */
  readonly readsJson: boolean
  /** Content limit in bytes. */
  readonly bodyLimit: number
  readonly handler: Handler | undefined
  /** The first node to run after B10, or the outcome when no node can change it. */
  entry: PlannedNode | Terminal
}

/** All methods served at one path template. */
export interface PathEntry {
  readonly template: string
  readonly methods: ReadonlyMap<string, RoutePlan>
  /** The `Allow` value: the route's methods plus HEAD (with GET) and OPTIONS, sorted. */
  readonly allow: string
  /** The plan for OPTIONS when no handler is registered for it. */
  readonly options: RoutePlan
}

/** Application-wide settings the app-level nodes (B13–B10) read. */
export interface MachineConfig {
  readonly router: Router<PathEntry>
  readonly knownMethods: ReadonlySet<string>
  readonly maxUriLength: number
  readonly serviceAvailable: ((request: RestRequest) => boolean | Promise<boolean>) | undefined
  readonly malformed: ((request: RestRequest) => boolean | Promise<boolean>) | undefined
  readonly trace: boolean
}
