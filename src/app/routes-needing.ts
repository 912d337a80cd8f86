import type { Provider } from '../di/index.js'
import { ConfigurationError } from '../errors/index.js'
import type { RouteRegistration } from './registrations.js'

/** How many routes a start-up error names before it only counts the rest. */
const ROUTES_NAMED = 3

/**
 * The routes whose dependency graph reaches the provider `name` (through what their handlers,
 * `requires`, `conflict` callbacks and resources' callbacks inject), as `"GET /path"`.
 *
 * @example
 * routesNeeding('session', routes, providers) // ['GET /profile', 'POST /logout']
 */
export function routesNeeding(
  name: string,
  routes: readonly RouteRegistration[],
  providers: ReadonlyMap<string, Provider>,
): string[] {
  const found: string[] = []
  for (const route of routes) {
    const seen = new Set<string>()
    const pending = [...route.inject, ...(route.conflict?.inject ?? [])]
    while (pending.length > 0) {
      const next = pending.pop() as string
      if (next === name) {
        found.push(`${route.method} ${route.template.source}`)
        break
      }
      if (seen.has(next)) continue
      seen.add(next)
      const provider = providers.get(next)
      if (provider === undefined) continue
      pending.push(...provider.inject)
      for (const callback of Object.values(provider.callbacks ?? {})) pending.push(...callback.inject)
    }
  }
  return found
}

/**
 * Runs a start-up check of one provider; when it fails, the error also names the routes that need
 * that provider (the first few and a count of the rest), so the message leads to the code to fix:
 * `route GET /profile → dependency('session'): 'session' needs 'sesionStore', but …`.
 *
 * @example
 * withRoutesNeeding(provider, routes, providers, () => orderProviders([provider.name], …))
 */
export function withRoutesNeeding(
  provider: Provider,
  routes: readonly RouteRegistration[],
  providers: ReadonlyMap<string, Provider>,
  check: () => void,
): void {
  try {
    check()
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error
    const needing = routesNeeding(provider.name, routes, providers)
    if (needing.length === 0) throw error
    const more = needing.length - ROUTES_NAMED
    const named = needing.slice(0, ROUTES_NAMED).join(', ')
    const routesText = `${needing.length === 1 ? 'route' : 'routes'} ${named}${more > 0 ? ` and ${more} more` : ''}`
    throw new ConfigurationError(`${routesText} → ${error.message}`)
  }
}
