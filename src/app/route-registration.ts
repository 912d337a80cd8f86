import { readInjection } from '../di/read-injection.js'
import { ConfigurationError } from '../errors/configuration-error.js'
import type { Handler } from '../machine/route-plan.js'
import { parsePathTemplate } from '../router/path-template.js'
import type { RouteOptions, RouteRegistration } from './registrations.js'

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
  existing: readonly RouteRegistration[],
): RouteRegistration {
  const verb = method.toUpperCase()
  const owner = `route ${verb} ${path}`
  const template = parsePathTemplate(path)
  const inferred = readInjection(handler, options, owner, `app.${verb.toLowerCase()}('${path}', FN)`)
  const inject = [...new Set([...inferred, ...(options.requires ?? [])])]
  if (existing.some((r) => r.method === verb && r.template.source === path)) {
    throw new ConfigurationError(`${owner} is registered twice`)
  }
  const conflict =
    options.conflict === undefined
      ? undefined
      : {
          inject: readInjection(options.conflict, undefined, `${owner} conflict`, '{ conflict: FN }'),
          resolve: options.conflict as (context: Record<string, unknown>) => unknown,
        }
  return { method: verb, template, handler, inject, options, conflict }
}
