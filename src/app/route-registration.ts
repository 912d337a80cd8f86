import {
  type ContextFunction,
  type InferredNamesCache,
  type InjectOptions,
  type Provider,
  type ProviderKind,
  readInjection,
} from '../di/index.js'
import { ConfigurationError } from '../errors/index.js'
import type { Handler } from '../machine/index.js'
import { parsePathTemplate } from '../router/index.js'
import type { DependencyOptions } from './registration-types.js'
import type { ErrorHandler, Registrations, RouteOptions, RouteRegistration } from './registrations.js'

/** Reads a route (see {@link readRoute}) and adds it to the application's registrations. */
export function registerRoute(
  registrations: Registrations,
  method: string,
  path: string,
  handler: Handler,
  options: RouteOptions | undefined,
): void {
  const { routes, routeKeys, inferredNames } = registrations
  routes.push(readRoute(method, path, handler, options ?? {}, routeKeys, inferredNames))
}

/**
 * Reads a route registration: its template, the names its handler needs (inferred plus `requires`)
 * and its `conflict` callback. Throws a ConfigurationError for malformed templates, unreadable
 * handlers and duplicates.
 */
export function readRoute(
  method: string,
  path: string,
  handler: Handler,
  options: RouteOptions,
  registered: Set<string>,
  inferred?: InferredNamesCache,
): RouteRegistration {
  const verb = method.toUpperCase()
  const owner = `route ${verb} ${path}`
  const template = parsePathTemplate(path)
  const names = readInjection(handler, options, owner, `app.${verb.toLowerCase()}('${path}', FN)`, inferred)
  const requires = options.requires ?? []
  // One name or none has no duplicate to drop.
  const inject =
    names.length + requires.length <= 1 ? [...names, ...requires] : [...new Set([...names, ...requires])]
  const key = `${verb} ${path}`
  if (registered.has(key)) throw new ConfigurationError(`${owner} is registered twice`)
  const conflict =
    options.conflict === undefined
      ? undefined
      : {
          inject: readInjection(options.conflict, undefined, `${owner} conflict`, '{ conflict: FN }'),
          resolve: options.conflict as (context: Record<string, unknown>) => unknown,
        }
  registered.add(key)
  return { method: verb, template, handler, inject, options, conflict }
}

/** Records an error handler for the given statuses (all statuses when none is given). */
export function registerErrorHandler(registrations: Registrations, args: (number | ErrorHandler)[]): void {
  const handler = args.pop()
  if (typeof handler !== 'function')
    throw new ConfigurationError('errorHandler(): the last argument must be a function')
  const statuses = args as number[]
  if (statuses.length === 0) registrations.fallbackErrorHandler = handler
  for (const status of statuses) {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new ConfigurationError(`errorHandler(): ${status} is not an error status (400–599)`)
    }
    registrations.errorHandlers.set(status, handler)
  }
}

/**
 * The provider a `dependency`, `resourceExists`, `authorized`, `forbidden` or `validates` registration stores.
 *
 * @example
 * registeredProvider('dependency', 'clock', [], () => Date.now(), undefined)
 */
export function registeredProvider(
  kind: ProviderKind,
  name: string,
  inject: readonly string[],
  resolve: (context: Record<string, unknown>) => unknown,
  options: InjectOptions | DependencyOptions | undefined,
  callbacks?: Record<string, ContextFunction>,
): Provider {
  const openapi = options !== undefined && 'openapi' in options ? options.openapi : undefined
  return {
    name,
    kind,
    inject,
    readsBody: false,
    resolve,
    ...(callbacks === undefined ? {} : { callbacks }),
    ...(openapi === undefined ? {} : { openapi }),
  }
}
