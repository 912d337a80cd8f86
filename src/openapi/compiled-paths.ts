import type { RestApplicationOptions } from '../app/application-options.js'
import { type CompiledApp, compileApplication } from '../app/compile-application.js'
import type { Registrations, RouteRegistration } from '../app/registrations.js'
import type { PathEntry } from '../machine/route-plan.js'
import { MALFORMED_PATH } from '../router/router.js'

/**
 * What the generator reads from an application: a `RestApplication` of any context type fits.
 *
 * @example
 * const documentable: DocumentableApp = new RestApplication()
 */
export interface DocumentableApp {
  readonly registrations: Registrations
  readonly settings: RestApplicationOptions
  readonly lifecycle?: { readonly compiled: CompiledApp | undefined }
}

/** One path of the application: its routes as registered and the plans the machine runs for them. */
export interface CompiledPath {
  readonly routes: readonly RouteRegistration[]
  readonly entry: PathEntry
}

/**
 * Compiles the application exactly as `start()` does (or reuses the compiled app once it has
 * started) and returns its paths in registration order with their plans, so the document describes
 * what the machine actually runs. Configuration mistakes throw here as they would at start-up.
 *
 * @example
 * const { compiled, paths } = compiledPaths(app)
 * paths[0]?.entry.methods.get('GET')?.entry // the planned decision nodes
 */
export function compiledPaths(app: DocumentableApp): { compiled: CompiledApp; paths: CompiledPath[] } {
  const compiled = app.lifecycle?.compiled ?? compileApplication(app.registrations, app.settings)
  const groups = new Map<string, RouteRegistration[]>()
  for (const route of app.registrations.routes) {
    const group = groups.get(route.template.source)
    if (group === undefined) groups.set(route.template.source, [route])
    else group.push(route)
  }
  const paths: CompiledPath[] = []
  for (const [template, routes] of groups) {
    const entry = findEntry(compiled, template, routes) ?? findAlone(app, template, routes)
    if (entry !== undefined) paths.push({ routes, entry })
  }
  return { compiled, paths }
}

// The router has no listing, so each path's entry is found by matching a path built from its template.
// `{name}` cannot be a static segment, so the sample never hits a static route; a template shadowed
// another way (a parameter before a wildcard) is compiled alone, where nothing can shadow it.
function findEntry(compiled: CompiledApp, template: string, routes: readonly RouteRegistration[]) {
  const segments = routes[0]!.template.segments
  const sample =
    segments.length === 0 || segments.every((s) => s.kind === 'static')
      ? template
      : `/${segments.map((s) => (s.kind === 'static' ? s.value : s.kind === 'param' ? `{${s.name}}` : `{${s.name}}/{${s.name}}`)).join('/')}`
  const match = compiled.config.router.match(sample)
  if (match === undefined || match === MALFORMED_PATH) return undefined
  return match.value.template === template ? match.value : undefined
}

function findAlone(app: DocumentableApp, template: string, routes: readonly RouteRegistration[]) {
  const alone = compileApplication({ ...app.registrations, routes: [...routes] }, app.settings)
  return findEntry(alone, template, routes)
}
