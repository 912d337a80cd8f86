import { orderProviders } from '../di/graph.js'
import type { Provider, ProviderKind } from '../di/provider.js'
import { ConfigurationError } from '../errors/configuration-error.js'
import type { PlannedNode, Terminal } from '../machine/decision-node.js'
import { compileAppPlan, compileRoutePlan, type ROUTED } from '../machine/plan.js'
import type { MachineConfig, PathEntry, RoutePlan } from '../machine/route-plan.js'
import { Router } from '../router/router.js'
import {
  consoleLogger,
  DEFAULT_BODY_LIMIT,
  DEFAULT_MAX_URI_LENGTH,
  type Logger,
  type RestApplicationOptions,
  STANDARD_METHODS,
} from './application-options.js'
import { PATH_PARAMS } from './built-ins.js'
import type { Registrations, RouteRegistration, StartupFactory } from './registrations.js'

/** An application ready to serve: its machine configuration and the order to create startup values. */
export interface CompiledApp {
  readonly config: MachineConfig
  readonly entry: PlannedNode | Terminal | typeof ROUTED
  readonly startupOrder: readonly StartupFactory[]
  readonly registrations: Registrations
  readonly logger: Logger
  readonly challenge: string
}

// When each kind of provider is resolved: 0 before the diagram, 1 at B8, 2 at B7, 3 at G7, 4 at INPUT.
const OWN_PHASE: Record<ProviderKind, number> = {
  builtin: 0,
  startup: 0,
  dependency: 1,
  authorized: 1,
  forbidden: 2,
  resource: 3,
  validator: 4,
}

/**
 * Checks everything registered and compiles per-route plans. All configuration mistakes surface
 * here, at start-up, as {@link ConfigurationError}s — never on a request.
 */
export function compileApplication(
  registrations: Registrations,
  options: RestApplicationOptions,
): CompiledApp {
  const { providers } = registrations
  const startupOrder = checkStartupScope(registrations)
  for (const provider of providers.values()) {
    if (provider.kind !== 'builtin') orderProviders([provider.name], providers, new Set(), describe(provider))
  }
  const router = new Router<PathEntry>()
  const config: MachineConfig = {
    router,
    knownMethods: new Set([...STANDARD_METHODS, ...(options.extraMethods ?? []).map((m) => m.toUpperCase())]),
    maxUriLength: options.maxUriLength ?? DEFAULT_MAX_URI_LENGTH,
    serviceAvailable: options.serviceAvailable,
    malformed: options.malformed,
    trace: options.trace === true,
  }
  for (const route of registrations.routes) {
    if (!config.knownMethods.has(route.method)) {
      throw new ConfigurationError(
        `route ${route.method} ${route.template.source}: unknown method; add it to the 'extraMethods' option`,
      )
    }
  }
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
  for (const [template, routes] of groupByTemplate(registrations.routes)) {
    const methods = new Map<string, RoutePlan>()
    for (const route of routes) methods.set(route.method, planRoute(route, providers, bodyLimit, config))
    const allowed = new Set([...methods.keys(), 'OPTIONS'])
    if (allowed.has('GET')) allowed.add('HEAD')
    const options = optionsPlan(template, bodyLimit, config)
    router.add(routes[0]!.template, { template, methods, allow: [...allowed].sort().join(', '), options })
  }
  return {
    config,
    entry: compileAppPlan(config),
    startupOrder,
    registrations,
    logger: options.logger ?? consoleLogger,
    challenge: options.authenticationChallenge ?? 'Bearer',
  }
}

function planRoute(
  route: RouteRegistration,
  providers: ReadonlyMap<string, Provider>,
  defaultBodyLimit: number,
  config: MachineConfig,
): RoutePlan {
  const consumer = `route ${route.method} ${route.template.source}`
  for (const param of route.template.paramNames) {
    if (providers.has(param) || param === PATH_PARAMS) {
      throw new ConfigurationError(
        `${consumer}: the path parameter '${param}' has the name of a registered injectable; rename one of them`,
      )
    }
  }
  const local = new Set(route.template.paramNames)
  const ordered = orderProviders(route.inject, providers, local, consumer)
  const phases = new Map<string, number>()
  const steps: Provider[][] = [[], [], [], [], []]
  for (const provider of ordered) {
    let phase = OWN_PHASE[provider.kind] + (provider.readsBody ? 4 : 0)
    for (const name of provider.inject) phase = Math.max(phase, phases.get(name) ?? 0)
    phase = Math.min(phase, 4)
    phases.set(provider.name, phase)
    steps[phase]!.push(provider)
  }
  const plan: RoutePlan = {
    method: route.method,
    template: route.template.source,
    steps: {
      seed: steps[0]!,
      authorize: steps[1]!,
      forbid: steps[2]!,
      resource: steps[3]!,
      input: steps[4]!,
    },
    readsBody: ordered.some((p) => p.readsBody),
    readsJson: ordered.some((p) => p.name === 'jsonBody'),
    bodyLimit: route.options.bodyLimit ?? defaultBodyLimit,
    handler: route.handler,
    entry: 'HANDLER',
  }
  plan.entry = compileRoutePlan(plan, config)
  return plan
}

function optionsPlan(template: string, bodyLimit: number, config: MachineConfig): RoutePlan {
  const plan: RoutePlan = {
    method: 'OPTIONS',
    template,
    steps: { seed: [], authorize: [], forbid: [], resource: [], input: [] },
    readsBody: false,
    readsJson: false,
    bodyLimit,
    handler: undefined,
    entry: 'OPTIONS',
  }
  plan.entry = compileRoutePlan(plan, config)
  return plan
}

function groupByTemplate(routes: readonly RouteRegistration[]): Map<string, RouteRegistration[]> {
  const groups = new Map<string, RouteRegistration[]>()
  for (const route of routes) {
    const group = groups.get(route.template.source)
    if (group) group.push(route)
    else groups.set(route.template.source, [route])
  }
  return groups
}

/** Startup values may inject only other startup values; returns them in creation order. */
function checkStartupScope(registrations: Registrations): StartupFactory[] {
  const startupProviders = new Map<string, Provider>()
  for (const [name, provider] of registrations.providers)
    if (provider.kind === 'startup') startupProviders.set(name, provider)
  const check = (inject: readonly string[], owner: string) => {
    for (const name of inject) {
      const provider = registrations.providers.get(name)
      if (provider !== undefined && provider.kind !== 'startup') {
        throw new ConfigurationError(
          `${owner} injects '${name}', which is request-scoped; startup values and shutdown hooks may inject only other onStartup values`,
        )
      }
    }
  }
  for (const factory of registrations.startup.values()) check(factory.inject, `onStartup('${factory.name}')`)
  for (const hook of registrations.shutdownHooks) {
    check(hook.inject, 'an onShutdown hook')
    orderProviders(hook.inject, startupProviders, new Set(), 'an onShutdown hook')
  }
  const order = orderProviders([...startupProviders.keys()], startupProviders, new Set(), 'startup')
  return order.map((provider) => registrations.startup.get(provider.name)!)
}

function describe(provider: Provider): string {
  const kind = provider.kind === 'resource' ? 'resourceExists' : provider.kind
  return `${kind}('${provider.name}')`
}
