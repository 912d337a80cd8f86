import { ConfigurationError } from '../errors/index.js'
import { orderProviders } from './graph.js'
import type { Provider } from './provider.js'

/**
 * The startup scope: values made once at start (`onStartup`) and the hooks run at shutdown. They
 * live as long as the application, so they may inject only each other, never a request-scoped name.
 */

/** A startup value's factory. */
export interface StartupFactory {
  readonly name: string
  readonly create: (context: Record<string, unknown>) => unknown
  readonly inject: readonly string[]
}

/** A function run at shutdown with startup values injected. */
export interface ShutdownHook {
  readonly run: (context: Record<string, unknown>) => unknown
  readonly inject: readonly string[]
}

/**
 * The provider of a startup value: request-scoped code injects it by name and gets the value made
 * at start (read from `values`, which `createStartupValues` fills).
 *
 * @example
 * providers.set('database', startupProvider('database', ['config'], registrations.startupValues))
 */
export function startupProvider(
  name: string,
  inject: readonly string[],
  values: Record<string, unknown>,
): Provider {
  return { name, kind: 'startup', inject, readsBody: false, resolve: () => values[name] }
}

/** Runs one provider's start-up check; the caller may wrap it to say more when it fails. */
export type CheckWrapper = (provider: Provider, check: () => void) => void

/**
 * Checks the startup scope (startup values and shutdown hooks inject only startup values, with no
 * missing name or cycle) and returns the factories in the order their values must be created.
 * `wrap` runs each startup value's own check, so the caller can add context to its error.
 *
 * @example
 * const order = orderStartup(registrations.providers, registrations.startup, registrations.shutdownHooks)
 */
export function orderStartup(
  providers: ReadonlyMap<string, Provider>,
  factories: ReadonlyMap<string, StartupFactory>,
  hooks: readonly ShutdownHook[],
  wrap: CheckWrapper = (_, check) => check(),
): StartupFactory[] {
  const startupProviders = new Map<string, Provider>()
  for (const [name, provider] of providers)
    if (provider.kind === 'startup') startupProviders.set(name, provider)
  const check = (inject: readonly string[], owner: string) => {
    for (const name of inject) {
      const provider = providers.get(name)
      if (provider !== undefined && provider.kind !== 'startup') {
        throw new ConfigurationError(
          `${owner} injects '${name}', which is request-scoped; startup values and shutdown hooks may inject only other onStartup values`,
        )
      }
    }
  }
  for (const factory of factories.values()) check(factory.inject, `onStartup('${factory.name}')`)
  for (const hook of hooks) {
    check(hook.inject, 'an onShutdown hook')
    orderProviders(hook.inject, startupProviders, new Set(), 'an onShutdown hook')
  }
  for (const provider of startupProviders.values()) {
    wrap(provider, () =>
      orderProviders([provider.name], startupProviders, new Set(), `onStartup('${provider.name}')`),
    )
  }
  const order = orderProviders([...startupProviders.keys()], startupProviders, new Set(), 'startup')
  return order.map((provider) => factories.get(provider.name) as StartupFactory)
}

/**
 * Creates the startup values one after another, in `order`, each with the ones before it injected.
 *
 * @example
 * await createStartupValues(compiled.startupOrder, registrations.startupValues)
 */
export async function createStartupValues(
  order: readonly StartupFactory[],
  values: Record<string, unknown>,
): Promise<void> {
  for (const factory of order) values[factory.name] = await factory.create(values)
}

/**
 * Runs every shutdown hook once, in reverse registration order, with the startup values injected;
 * a failing hook does not stop the rest. Returns what the failing ones threw.
 *
 * @example
 * const failures = await runShutdownHooks(registrations.shutdownHooks, registrations.startupValues)
 */
export async function runShutdownHooks(
  hooks: readonly ShutdownHook[],
  values: Record<string, unknown>,
): Promise<unknown[]> {
  const failures: unknown[] = []
  for (const hook of [...hooks].reverse()) {
    try {
      await hook.run(values)
    } catch (error) {
      failures.push(error)
    }
  }
  return failures
}
