import {
  orderProviders,
  orderStartup,
  type PhaseSteps,
  type Provider,
  type StartupFactory,
} from '../di/index.js'
import { ConfigurationError } from '../errors/index.js'
import {
  type CorsOptions,
  SendableStrings,
  securityHeaders,
  usesNonce,
  validateCorsOptions,
} from '../http/index.js'
import {
  createRoutePlan,
  type LinkedTarget,
  linkApplication,
  type MachineConfig,
  type PathEntry,
  planForPath,
  type RoutePlan,
} from '../machine/index.js'
import { Router } from '../router/index.js'
import {
  type MetricsRegistry,
  type RequestObserver,
  RequestTelemetry,
  requestMetrics,
  requestObserver,
  timeSlowDependencies,
} from '../telemetry/index.js'
import { nodeEnvironment, readViewerOptions, TraceViewer, timeDependencies } from '../viewer/index.js'
import {
  DEFAULT_BODY_LIMIT,
  DEFAULT_MAX_URI_LENGTH,
  type RestApplicationOptions,
  STANDARD_METHODS,
} from './application-options.js'
import { compileRoute, NO_NEGOTIATION, type OrderMemo } from './compile-route.js'
import { compressionPolicy } from './compression-options.js'
import { type DefaultHeaders, defaultHeadersOf } from './default-headers.js'
import { type ErrorScope, errorScope, type MountedScopes, mountedScopes } from './error-scope.js'
import { MachineAnswers } from './machine-answers.js'
import { type Scope, scopesOf } from './mount.js'
import type { Registrations, RouteRegistration } from './registrations.js'
import { compileLogging, type Logging } from './request-logging.js'
import { withRoutesNeeding } from './routes-needing.js'

/** An application ready to serve: its machine configuration and the order to create startup values. */
export interface CompiledApp extends ErrorScope {
  readonly config: MachineConfig
  /** Where each request's run starts: MESSAGE, linked for this application. */
  readonly entry: LinkedTarget
  readonly startupOrder: readonly StartupFactory[]
  readonly registrations: Registrations
  /** Every route served, mounted applications' included (with their full paths), in registration order. */
  readonly routes: readonly RouteRegistration[]
  /** The mounted applications' error scopes (`undefined`: nothing is mounted, errors are the root's). */
  readonly mounted: MountedScopes | undefined
  /** Headers every response gets unless it has them (the `defaultHeaders` option). */
  readonly defaultHeaders: DefaultHeaders | undefined
  /** The loggers, the access log and the request-id policy. */
  readonly logging: Logging
  readonly cors: CorsOptions | undefined
  /** Security headers for every response, if enabled. */
  readonly securityHeaders: SecurityHeaderSource | undefined
  /** Routes whose own `securityHeaders` replace the application's (`undefined`: none). */
  readonly routeSecurityHeaders: ReadonlyMap<RoutePlan, SecurityHeaderSource | undefined>
  /** The machine's own error answers (404, 405 + Allow, 414…), built once for this application. */
  readonly machineErrors: MachineAnswers
  /** Whether responses carry `X-Restmachine-Trace` (the `trace` option). */
  readonly traceHeader: boolean
  /** Response field names and values this application has found sendable (RFC 9110 §5.1, §5.5). */
  readonly sendableStrings: SendableStrings
  /** The application's tracing, when the `telemetry` option is set. */
  readonly telemetry: RequestTelemetry | undefined
  /** The decision-trace viewer and its recent requests, when `app.traceViewer()` was called. */
  readonly viewer: TraceViewer | undefined
  /** What serves each request inside itself: the tracing, the metrics, both, or `undefined`. */
  readonly observer: RequestObserver | undefined
}

/** Security headers: fixed ones computed at start, or a function of a fresh nonce per response. */
export type SecurityHeaderSource =
  | { fixed: Record<string, string> }
  | { perNonce: (nonce: string) => Record<string, string> }

function securityHeadersFor(
  option: RestApplicationOptions['securityHeaders'],
): SecurityHeaderSource | undefined {
  if (option === undefined || option === false) return undefined
  const settings = option === true ? {} : option
  try {
    if (usesNonce(settings)) return { perNonce: (nonce) => securityHeaders(settings, { nonce }) }
    return { fixed: securityHeaders(settings) }
  } catch (error) {
    throw new ConfigurationError(`securityHeaders: ${(error as Error).message}`)
  }
}

/**
 * Checks everything registered and compiles per-route plans. All configuration mistakes surface
 * here, at start-up, as {@link ConfigurationError}s — never on a request.
 */
export function compileApplication(
  registrations: Registrations,
  options: RestApplicationOptions,
  registry?: MetricsRegistry,
): CompiledApp {
  const { providers } = registrations
  const scopes = scopesOf(registrations, options)
  // Startup values and shutdown hooks inject only startup values (src/di/startup.ts).
  const startupOrder = orderStartup(
    providers,
    registrations.startup,
    registrations.shutdownHooks,
    (provider, check) => withRoutesNeeding(provider, registrations.routes, providers, check),
  )
  for (const scope of scopes) checkProviders(scope)
  const viewer = traceViewerOf(registrations)
  const router = new Router<PathEntry>()
  const logging = compileLogging(options)
  const metrics = requestMetrics(options.metrics, registry)
  const config: MachineConfig = {
    router,
    knownMethods: new Set([...STANDARD_METHODS, ...(options.extraMethods ?? []).map((m) => m.toUpperCase())]),
    maxUriLength: options.maxUriLength ?? DEFAULT_MAX_URI_LENGTH,
    serviceAvailable: options.serviceAvailable,
    malformed: options.malformed,
    trace: options.trace === true || options.telemetry !== undefined || viewer !== undefined,
    // The access log and the machine-answers metric read which node answered.
    recordAnsweringNode: logging.access || metrics !== undefined,
    requestId: logging.requestId,
    requestLogger: logging.requestLogger,
  }
  const telemetry = options.telemetry === undefined ? undefined : new RequestTelemetry(options.telemetry)
  const adaptSteps = timedSteps(telemetry, viewer)
  if (options.cors !== undefined) validateCors(options.cors, 'the cors option')
  compressionPolicy(undefined, options.compression, 'the compression option') // checked once, even without routes
  const routes = scopes.flatMap((scope) => scope.routes)
  for (const route of routes) {
    if (route.options.cors)
      validateCors(route.options.cors, `route ${route.method} ${route.template.source}: cors`)
    if (!config.knownMethods.has(route.method)) {
      throw new ConfigurationError(
        `route ${route.method} ${route.template.source}: unknown method; add it to the 'extraMethods' option`,
      )
    }
  }
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
  const routeSecurityHeaders = new Map<RoutePlan, SecurityHeaderSource | undefined>()
  const errorScopes = new Map(scopes.map((scope) => [scope, errorScope(scope)]))
  const mounted = mountedScopes(scopes, errorScopes)
  const compile: ScopeCompile = { config, bodyLimit, adaptSteps, routeSecurityHeaders }
  for (const scope of scopes) {
    const answer = scope.owner === '' ? undefined : mounted?.entries
    for (const entry of compilePaths(scope, compile)) answer?.set(entry, errorScopes.get(scope) as ErrorScope)
  }
  const root = errorScopes.get(scopes[0] as Scope) as ErrorScope
  return {
    config,
    entry: linkApplication(config),
    startupOrder,
    ...root,
    routes,
    mounted,
    defaultHeaders: defaultHeadersOf(options.defaultHeaders),
    logging,
    cors: options.cors,
    securityHeaders: securityHeadersFor(options.securityHeaders),
    routeSecurityHeaders,
    machineErrors: new MachineAnswers(),
    traceHeader: options.trace === true,
    sendableStrings: new SendableStrings(),
    telemetry,
    viewer,
    observer: requestObserver(telemetry, metrics),
  }
}

/** What compiling one scope's paths reads and fills. */
interface ScopeCompile {
  readonly config: MachineConfig
  readonly bodyLimit: number
  readonly adaptSteps: ((steps: PhaseSteps) => PhaseSteps) | undefined
  readonly routeSecurityHeaders: Map<RoutePlan, SecurityHeaderSource | undefined>
}

/** Compiles one application's routes, a plan per method, into router entries; returns the entries. */
function compilePaths(scope: Scope, compile: ScopeCompile): PathEntry[] {
  const { config, bodyLimit, adaptSteps, routeSecurityHeaders } = compile
  const settings = scope.settings
  const entries: PathEntry[] = []
  const memo: OrderMemo = new Map()
  const allows = new Map<string, string>()
  const options = optionsPlan('', bodyLimit, config)
  for (const [template, group] of groupByTemplate(scope.routes)) {
    const methods = new Map<string, RoutePlan>()
    for (const route of group) {
      const plan = compileRoute(
        route,
        scope,
        settings.bodyLimit ?? bodyLimit,
        config,
        settings.provides,
        settings.accepts,
        settings.compression,
        adaptSteps,
        memo,
      )
      methods.set(route.method, plan)
      const own = route.options.securityHeaders
      if (own !== undefined) routeSecurityHeaders.set(plan, securityHeadersFor(own))
    }
    const entry: PathEntry = {
      template,
      methods,
      allow: allowOf(methods, allows),
      options: planForPath(options, template, bodyLimit),
      codings: codingsOf(methods.values()),
    }
    config.router.add(group[0].template, entry)
    entries.push(entry)
  }
  return entries
}

/**
 * The Allow header of a path (RFC 9110 §10.2.1): its methods, OPTIONS, and HEAD with GET (§9.3.2);
 * computed once per set of methods, which most paths share.
 */
function allowOf(methods: ReadonlyMap<string, RoutePlan>, allows: Map<string, string>): string {
  let key = ''
  for (const method of methods.keys()) key = key === '' ? method : `${key} ${method}`
  let allow = allows.get(key)
  if (allow === undefined) {
    const allowed = new Set([...methods.keys(), 'OPTIONS'])
    if (allowed.has('GET')) allowed.add('HEAD')
    allow = [...allowed].sort().join(', ')
    allows.set(key, allow)
  }
  return allow
}

/**
 * Checks each provider an application registered: every name it needs exists, no cycle. A mistake
 * names the routes that need it, with their full paths.
 */
function checkProviders(scope: Scope): void {
  for (const provider of scope.registrations.providers.values()) {
    if (provider.kind === 'builtin') continue
    withRoutesNeeding(provider, scope.routes, scope.providers, () =>
      orderProviders(
        [provider.name],
        scope.providers,
        new Set(),
        `${scope.owner === '' ? '' : `${scope.owner}: `}${describe(provider)}`,
      ),
    )
  }
}

/** The viewer, when asked for: its options checked, and its path owned by no route. */
function traceViewerOf(registrations: Registrations): TraceViewer | undefined {
  if (registrations.traceViewer === undefined) return undefined
  const settings = readViewerOptions(registrations.traceViewer, nodeEnvironment())
  const clash = registrations.routes.find(
    (route) =>
      route.template.source === settings.path || route.template.source.startsWith(`${settings.path}/`),
  )
  if (clash !== undefined) {
    throw new ConfigurationError(
      `traceViewer: route ${clash.method} ${clash.template.source} is under the viewer's path ${settings.path}; choose another path`,
    )
  }
  return new TraceViewer(settings)
}

/**
 * Wraps the providers for telemetry's slow-dependency spans and the viewer's timings, each only when
 * on: without either, the steps are the providers themselves.
 */
function timedSteps(
  telemetry: RequestTelemetry | undefined,
  viewer: TraceViewer | undefined,
): ((steps: PhaseSteps) => PhaseSteps) | undefined {
  const spans = telemetry === undefined ? undefined : slowDependencySpans(telemetry)
  if (viewer === undefined) return spans
  const wrapped = new Map<Provider, Provider>()
  return (steps) => timeDependencies(spans === undefined ? steps : spans(steps), viewer, wrapped)
}

/** Times the application's own providers for telemetry's child spans, each wrapped once. */
function slowDependencySpans(telemetry: RequestTelemetry): (steps: PhaseSteps) => PhaseSteps {
  const wrapped = new Map<Provider, Provider>()
  return (steps) => timeSlowDependencies(steps, telemetry, wrapped)
}

/** The implicit OPTIONS plans' steps: none, the same (frozen) for every path. */
const NO_STEPS: PhaseSteps = Object.freeze({
  seed: Object.freeze([]),
  authorize: Object.freeze([]),
  forbid: Object.freeze([]),
  resource: Object.freeze([]),
  input: Object.freeze([]),
})

function optionsPlan(template: string, bodyLimit: number, config: MachineConfig): RoutePlan {
  return createRoutePlan(
    {
      method: 'OPTIONS',
      template,
      steps: NO_STEPS,
      readsBody: false,
      readsJson: false,
      acceptsContentType: undefined,
      bodyParsers: [],
      parserFor: undefined,
      bodyLimit,
      handler: undefined,
      resource: undefined,
      creates: undefined,
      conflict: undefined,
      negotiation: NO_NEGOTIATION,
      ranges: false,
      cacheControl: undefined,
      cors: undefined,
      compression: undefined,
      returns: undefined,
    },
    config,
  )
}

/** The codings any of the plans compresses with, or `undefined` when none compresses. */
function codingsOf(plans: Iterable<RoutePlan>): readonly string[] | undefined {
  let codings: Set<string> | undefined
  for (const plan of plans) {
    const own = plan.compression?.codings
    if (own === undefined) continue
    codings ??= new Set()
    for (const coding of own) codings.add(coding)
  }
  return codings === undefined || codings.size === 0 ? undefined : [...codings]
}

/** The routes of one path template, in registration order: never empty, since a route makes its group. */
type TemplateGroup = [RouteRegistration, ...RouteRegistration[]]

function groupByTemplate(routes: readonly RouteRegistration[]): Map<string, TemplateGroup> {
  const groups = new Map<string, TemplateGroup>()
  for (const route of routes) {
    const group = groups.get(route.template.source)
    if (group) group.push(route)
    else groups.set(route.template.source, [route])
  }
  return groups
}

function validateCors(cors: CorsOptions, owner: string): void {
  try {
    validateCorsOptions(cors)
  } catch (error) {
    throw new ConfigurationError(`${owner}: ${(error as Error).message}`)
  }
}

function describe(provider: Provider): string {
  const kind = provider.kind === 'resource' ? 'resourceExists' : provider.kind
  return `${kind}('${provider.name}')`
}
