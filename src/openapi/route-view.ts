import type { Provider } from '../di/index.js'
import type { RoutePlan } from '../machine/index.js'
import type { DependencyDoc } from './generate-options.js'
import { linkedNodeIds } from './linked-nodes.js'
import { dependencyDoc } from './provider-docs.js'

/** Everything the generator knows about one documented operation, read from its compiled plan. */
export interface RouteView {
  /** The documented method: the plan's own, or HEAD for a GET plan. */
  readonly method: string
  readonly plan: RoutePlan
  /** The decision nodes the route's plan runs (see {@link linkedNodeIds}). */
  readonly nodes: ReadonlySet<string>
  /** The application-wide nodes every request passes (B13…B10). */
  readonly appNodes: ReadonlySet<string>
  /** Every provider the plan resolves, in order. */
  readonly providers: readonly Provider[]
  /** Documentation of the providers that have any, by name. */
  readonly docs: ReadonlyMap<string, DependencyDoc>
  /** The media types `parsedBody` accepts as registered (the route's `accepts`, else the app's). */
  readonly accepts: readonly string[] | undefined
}

/** What every view of a document shares. */
export interface ViewSettings {
  readonly appNodes: ReadonlySet<string>
  readonly dependencies: Readonly<Record<string, DependencyDoc>> | undefined
}

/**
 * Builds the view of one operation from its plan.
 *
 * @example
 * const view = routeView('HEAD', entry.methods.get('GET')!, undefined, { appNodes, dependencies: undefined })
 */
export function routeView(
  method: string,
  plan: RoutePlan,
  accepts: readonly string[] | undefined,
  { appNodes, dependencies }: ViewSettings,
): RouteView {
  const { seed, authorize, forbid, resource, input } = plan.steps
  const providers = [...seed, ...authorize, ...forbid, ...resource, ...input]
  const docs = new Map<string, DependencyDoc>()
  for (const provider of providers) {
    const doc = dependencyDoc(provider, dependencies)
    if (doc !== undefined) docs.set(provider.name, doc)
  }
  return { method, plan, nodes: linkedNodeIds(plan.entry), appNodes, providers, docs, accepts }
}

/**
 * Whether the operation is a GET or a HEAD (the methods that get 304 and validators).
 *
 * @example
 * isSafeRead(view) // true for GET /documents/{id}
 */
export const isSafeRead = (view: RouteView) => view.method === 'GET' || view.method === 'HEAD'
