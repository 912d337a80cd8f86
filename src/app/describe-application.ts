import type { ApplicationView, DocumentedRoute, ErrorView, PathView } from '../openapi/index.js'
import type { RestApplicationOptions } from './application-options.js'
import type { CompiledApp } from './compile-application.js'
import type { ErrorScope } from './error-scope.js'

/**
 * The read-only view of a compiled application that the OpenAPI generator reads: the router's own
 * listing of paths (each with its registered routes and the plans requests run), the providers and
 * the settings that shape error answers. Error handlers are read as they are now, since they may be
 * registered after start.
 *
 * @example
 * describeApplication(compiledApplication(app), app.settings).paths[0]?.entry.allow // 'GET, HEAD, OPTIONS'
 */
export function describeApplication(
  compiled: CompiledApp,
  settings: RestApplicationOptions,
): ApplicationView {
  const { registrations, routes } = compiled
  const byTemplate = new Map<string, DocumentedRoute[]>()
  for (const route of routes) {
    const group = byTemplate.get(route.template.source)
    if (group === undefined) byTemplate.set(route.template.source, [route])
    else group.push(route)
  }
  const paths: PathView[] = []
  for (const { template, value } of compiled.config.router.routes()) {
    const scope = compiled.mounted?.entries.get(value)
    const path = { template, routes: byTemplate.get(template.source) ?? [], entry: value }
    paths.push(scope === undefined ? path : { ...path, errors: errorView(scope) })
  }
  return {
    ...errorView(compiled),
    routes: [...routes],
    paths,
    entry: compiled.entry,
    providers: new Map(registrations.providers),
    cors: compiled.cors,
    accepts: settings.accepts,
  }
}

/** How one application's errors look, as OpenAPI describes them. */
function errorView(scope: ErrorScope): ErrorView {
  const { errorHandlers, fallbackErrorHandler } = scope.registrations
  return {
    customErrors: fallbackErrorHandler === undefined ? new Set(errorHandlers.keys()) : 'all',
    problemDetails: scope.problemDetails,
    challenge: scope.challenge,
  }
}
