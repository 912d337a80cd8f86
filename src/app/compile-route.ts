import {
  groupByPhase,
  isLater,
  latestPhase,
  orderProviders,
  PATH_PARAMS,
  type Phase,
  type PhasedProviders,
  type PhaseSteps,
  type Provider,
} from '../di/index.js'
import { ConfigurationError } from '../errors/index.js'
import {
  createRoutePlan,
  type MachineConfig,
  type Negotiation,
  type RenderFunction,
  type ResourceCallbacks,
  type RoutePlan,
} from '../machine/index.js'
import { type BodyParser, bodyParserChooser } from '../render/index.js'
import type { RestApplicationOptions } from './application-options.js'
import { compressionPolicy } from './compression-options.js'
import { declaredReturns } from './declared-returns.js'
import type { Registrations, RouteOptions, RouteRegistration } from './registrations.js'

/** What a route is compiled against: the names it can inject, the body parsers and renderers it can use. */
export interface RouteScope {
  readonly providers: ReadonlyMap<string, Provider>
  readonly formats: Pick<Registrations, 'bodyParsers' | 'renderers'>
}

/**
 * Compiles one route into the plan the machine runs: its dependencies sorted into the phases of
 * the nodes that resolve them, the resource whose validators answer preconditions, what it can
 * produce and accept. Mistakes are ConfigurationErrors at start-up.
 */
export function compileRoute(
  route: RouteRegistration,
  scope: RouteScope,
  defaultBodyLimit: number,
  config: MachineConfig,
  appProvides: RouteOptions['provides'],
  appAccepts: RouteOptions['accepts'],
  appCompression: RestApplicationOptions['compression'],
  adaptSteps?: (steps: PhaseSteps) => PhaseSteps,
  memo: OrderMemo = new Map(),
): RoutePlan {
  const { providers, formats: registrations } = scope
  const consumer = `route ${route.method} ${route.template.source}`
  checkPathParams(route, providers, consumer)
  const params = route.template.paramNames
  const handlerClosure = ordered(memo, route.inject, params, providers, consumer).ordered
  const resource = findResource(route, handlerClosure, consumer)
  const callbackRoots = [
    ...Object.values(resource?.callbacks ?? {}).flatMap((callback) => callback.inject),
    ...(route.conflict?.inject ?? []),
  ]
  const needed = callbackRoots.length === 0 ? route.inject : [...route.inject, ...callbackRoots]
  const full = ordered(memo, needed, params, providers, consumer)
  const closure = full.ordered
  full.grouped ??= groupByPhase(closure)
  const { steps, phases } = full.grouped
  checkCallbackPhases(route, resource, phases, consumer)
  const creates = route.options.creates
  if (creates !== undefined) checkCreates(route, creates, closure, consumer)
  const parsesByType = closure.some((p) => p.name === 'parsedBody')
  // Each route parsing by type keeps its own remembered choices (src/render/body-parsers.ts).
  const parserFor = parsesByType ? bodyParserChooser(registrations.bodyParsers) : undefined
  return createRoutePlan(
    {
      method: route.method,
      template: route.template.source,
      steps: adaptSteps === undefined ? steps : adaptSteps(steps),
      readsBody: closure.some((p) => p.readsBody),
      readsJson: closure.some((p) => p.name === 'jsonBody'),
      acceptsContentType:
        parserFor === undefined
          ? undefined
          : contentTypeAcceptor(route.options.accepts ?? appAccepts ?? DEFAULT_ACCEPTS, parserFor),
      bodyParsers: registrations.bodyParsers,
      parserFor,
      bodyLimit: route.options.bodyLimit ?? defaultBodyLimit,
      handler: route.handler,
      resource: resource === undefined ? undefined : resourceCallbacksOf(resource),
      creates,
      conflict: route.conflict,
      negotiation: negotiationOf(route, registrations, consumer, appProvides),
      ranges: route.options.ranges === true,
      cacheControl: route.options.cacheControl,
      cors: route.options.cors,
      compression: compressionPolicy(route.options.compression, appCompression, consumer),
      returns: declaredReturns(route.options.returns, consumer),
    },
    config,
  )
}

/** A closure in dependency order, with its phases once they were asked for (plans only read them). */
interface Ordered {
  readonly roots: readonly string[]
  readonly params: readonly string[]
  readonly ordered: Provider[]
  grouped?: PhasedProviders
}

/**
 * Closures already ordered while compiling one scope, by their roots and the route's path
 * parameters (nothing else changes the order): many routes inject the same names. Only successes
 * are kept, so each mistake is still reported for the route that makes it.
 */
export type OrderMemo = Map<string, Map<string, Ordered>>

function ordered(
  memo: OrderMemo,
  roots: readonly string[],
  params: readonly string[],
  providers: ReadonlyMap<string, Provider>,
  consumer: string,
): Ordered {
  // Keyed by roots, then by parameters: most lists hold one name or none, which is its own key.
  const rootsKey = roots.join('\0')
  let byParams = memo.get(rootsKey)
  if (byParams === undefined) {
    byParams = new Map()
    memo.set(rootsKey, byParams)
  }
  const paramsKey = params.join('\0')
  const known = byParams.get(paramsKey)
  // A name holding the separator could make two lists one key: the lists themselves decide.
  if (known !== undefined && sameNames(known.roots, roots) && sameNames(known.params, params)) return known
  const fresh = { roots, params, ordered: orderProviders(roots, providers, new Set(params), consumer) }
  if (known === undefined) byParams.set(paramsKey, fresh)
  return fresh
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** A path parameter named like an injectable would hide one of them. */
function checkPathParams(
  route: RouteRegistration,
  providers: ReadonlyMap<string, Provider>,
  consumer: string,
) {
  for (const param of route.template.paramNames) {
    if (providers.has(param) || param === PATH_PARAMS) {
      throw new ConfigurationError(
        `${consumer}: the path parameter '${param}' has the name of a registered injectable; rename one of them`,
      )
    }
  }
}

/**
 * The resource's callbacks and the route's `conflict` run at fixed nodes, so they can use only what
 * is resolved by then: validators with the resource (G7); the history callbacks when it is missing,
 * so only what is known before G7; `conflict` before the content is read (O14, P3).
 */
function checkCallbackPhases(
  route: RouteRegistration,
  resource: Provider | undefined,
  phases: ReadonlyMap<string, Phase>,
  consumer: string,
) {
  for (const [name, fn] of Object.entries(resource?.callbacks ?? {})) {
    const limit: Phase = name === 'etag' || name === 'lastModified' ? 'resource' : 'forbid'
    if (isLater(latestPhase(fn.inject, phases), limit)) {
      throw new ConfigurationError(
        `${consumer}: the ${name} callback of '${resource?.name}' needs ${limit === 'resource' ? 'the request body' : 'values that are resolved after the resource'}; it can use only what is known before G7`,
      )
    }
  }
  if (route.conflict !== undefined && isLater(latestPhase(route.conflict.inject, phases), 'resource')) {
    throw new ConfigurationError(
      `${consumer}: the conflict callback cannot use the request body (it runs before it is read)`,
    )
  }
}

/** `creates` names a resource of a PUT route (the I7 branch, RFC 9110 §9.3.4). */
function checkCreates(
  route: RouteRegistration,
  creates: string,
  ordered: readonly Provider[],
  consumer: string,
) {
  if (route.method !== 'PUT')
    throw new ConfigurationError(`${consumer}: 'creates' applies to PUT routes only`)
  if (!ordered.some((p) => p.name === creates && p.kind === 'resource')) {
    throw new ConfigurationError(`${consumer}: 'creates' must name a resourceExists value the route uses`)
  }
}

/** The resource's name and its callbacks, as the nodes G7, K7, K5 and L5 read them. */
function resourceCallbacksOf(resource: Provider): ResourceCallbacks {
  const callbacks = resource.callbacks
  return {
    name: resource.name,
    etag: callbacks?.etag,
    lastModified: callbacks?.lastModified,
    previouslyExisted: callbacks?.previouslyExisted,
    movedPermanently: callbacks?.movedPermanently,
    movedTemporarily: callbacks?.movedTemporarily,
  }
}

/** The resource whose validators answer the route's preconditions. */
function findResource(
  route: RouteRegistration,
  closure: readonly Provider[],
  consumer: string,
): Provider | undefined {
  const named = route.options.resource
  if (named !== undefined) {
    const chosen = closure.find((p) => p.name === named && p.kind === 'resource')
    if (chosen === undefined)
      throw new ConfigurationError(`${consumer}: 'resource' must name a resourceExists value the route uses`)
    return chosen
  }
  const creates = route.options.creates
  const candidates = closure.filter(
    (p) => p.kind === 'resource' && (p.callbacks !== undefined || p.name === creates),
  )
  if (candidates.length > 1) {
    throw new ConfigurationError(
      `${consumer}: it uses several resources with validators (${candidates.map((p) => p.name).join(', ')}); say which one answers preconditions with the 'resource' option`,
    )
  }
  return candidates[0]
}

/** Negotiation for a route that declares nothing to negotiate: the same (frozen) for every such plan. */
export const NO_NEGOTIATION: Negotiation = Object.freeze({
  mediaTypes: Object.freeze([]),
  renderers: undefined,
  languages: undefined,
  charsets: undefined,
})

function negotiationOf(
  route: RouteRegistration,
  registrations: RouteScope['formats'],
  consumer: string,
  appProvides: RouteOptions['provides'],
): Negotiation {
  const { languages, charsets } = route.options
  const provides = route.options.provides ?? appProvides
  if (provides === undefined && languages === undefined && charsets === undefined) return NO_NEGOTIATION
  // Without declared media types the representation depends on what the handler returns, so
  // Accept is disregarded rather than guessed at (RFC 9110 §12.5.1 allows either).
  let mediaTypes: string[] = []
  let renderers: Map<string, RenderFunction> | undefined
  if (provides !== undefined) {
    renderers = new Map()
    if (typeof provides === 'string' || Array.isArray(provides)) {
      for (const type of typeof provides === 'string' ? [provides] : (provides as readonly string[])) {
        const renderer = registrations.renderers.get(type.toLowerCase())
        if (renderer === undefined) {
          throw new ConfigurationError(
            `${consumer}: no renderer is registered for '${type}'; add one with app.renderer()`,
          )
        }
        renderers.set(type.toLowerCase(), renderer)
      }
    } else {
      for (const [type, render] of Object.entries(provides as Record<string, RenderFunction>))
        renderers.set(type.toLowerCase(), render)
    }
    mediaTypes = [...renderers.keys()]
  }
  return { mediaTypes, renderers, languages, charsets }
}

/** What a route that parses its body accepts when it does not say: JSON. */
const DEFAULT_ACCEPTS = ['application/json', 'application/*+json']

/** B5's test for a route: the content type is in its accepts list and a parser is registered for it. */
function contentTypeAcceptor(
  accepts: readonly string[],
  parserFor: (contentType: string | null) => BodyParser | undefined,
) {
  const acceptor: BodyParser = { mediaTypes: accepts, parse: () => undefined }
  const accepted = bodyParserChooser([acceptor])
  return (contentType: string | null) =>
    accepted(contentType) !== undefined && parserFor(contentType) !== undefined
}
