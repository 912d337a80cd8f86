import {
  groupByPhase,
  isLater,
  latestPhase,
  orderProviders,
  PATH_PARAMS,
  type Phase,
  type Provider,
} from '../di/index.js'
import { ConfigurationError } from '../errors/configuration-error.js'
import {
  createRoutePlan,
  type MachineConfig,
  type Negotiation,
  type RenderFunction,
  type RoutePlan,
} from '../machine/index.js'
import { type BodyParser, selectBodyParser } from '../render/body-parsers.js'
import type { Registrations, RouteOptions, RouteRegistration } from './registrations.js'

/**
 * Compiles one route into the plan the machine runs: its dependencies sorted into the phases of
 * the nodes that resolve them, the resource whose validators answer preconditions, what it can
 * produce and accept. Mistakes are ConfigurationErrors at start-up.
 */
export function compileRoute(
  route: RouteRegistration,
  registrations: Registrations,
  defaultBodyLimit: number,
  config: MachineConfig,
  appProvides: RouteOptions['provides'],
  appAccepts: RouteOptions['accepts'],
): RoutePlan {
  const { providers } = registrations
  const consumer = `route ${route.method} ${route.template.source}`
  for (const param of route.template.paramNames) {
    if (providers.has(param) || param === PATH_PARAMS) {
      throw new ConfigurationError(
        `${consumer}: the path parameter '${param}' has the name of a registered injectable; rename one of them`,
      )
    }
  }
  const local = new Set(route.template.paramNames)
  const handlerClosure = orderProviders(route.inject, providers, local, consumer)
  const resource = findResource(route, handlerClosure, consumer)
  const factRoots = [
    ...Object.values(resource?.callbacks ?? {}).flatMap((callback) => callback.inject),
    ...(route.conflict?.inject ?? []),
  ]
  const ordered = orderProviders([...route.inject, ...factRoots], providers, local, consumer)
  const { steps, phases } = groupByPhase(ordered)
  for (const [name, fn] of Object.entries(resource?.callbacks ?? {})) {
    // Validators are read with the resource (G7); the history callbacks run when it is missing, so
    // they can use only what is known before G7.
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
  const creates = route.options.creates
  if (creates !== undefined) {
    if (route.method !== 'PUT')
      throw new ConfigurationError(`${consumer}: 'creates' applies to PUT routes only`)
    if (providers.get(creates)?.kind !== 'resource' || !ordered.some((p) => p.name === creates)) {
      throw new ConfigurationError(`${consumer}: 'creates' must name a resourceExists value the route uses`)
    }
  }
  const callbacks = resource?.callbacks
  return createRoutePlan(
    {
      method: route.method,
      template: route.template.source,
      steps,
      readsBody: ordered.some((p) => p.readsBody),
      readsJson: ordered.some((p) => p.name === 'jsonBody'),
      acceptsContentType: ordered.some((p) => p.name === 'parsedBody')
        ? contentTypeAcceptor(
            route.options.accepts ?? appAccepts ?? DEFAULT_ACCEPTS,
            registrations.bodyParsers,
          )
        : undefined,
      bodyParsers: registrations.bodyParsers,
      bodyLimit: route.options.bodyLimit ?? defaultBodyLimit,
      handler: route.handler,
      resource:
        resource === undefined
          ? undefined
          : {
              name: resource.name,
              etag: callbacks?.etag,
              lastModified: callbacks?.lastModified,
              previouslyExisted: callbacks?.previouslyExisted,
              movedPermanently: callbacks?.movedPermanently,
              movedTemporarily: callbacks?.movedTemporarily,
            },
      creates,
      conflict: route.conflict,
      negotiation: negotiationOf(route, registrations, consumer, appProvides),
      ranges: route.options.ranges === true,
      cacheControl: route.options.cacheControl,
      cors: route.options.cors,
    },
    config,
  )
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

function negotiationOf(
  route: RouteRegistration,
  registrations: Registrations,
  consumer: string,
  appProvides: RouteOptions['provides'],
): Negotiation {
  const { languages, charsets } = route.options
  const provides = route.options.provides ?? appProvides
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
function contentTypeAcceptor(accepts: readonly string[], parsers: readonly BodyParser[]) {
  const acceptor: BodyParser = { mediaTypes: accepts, parse: () => undefined }
  return (contentType: string | null) =>
    selectBodyParser([acceptor], contentType) !== undefined &&
    selectBodyParser(parsers, contentType) !== undefined
}
