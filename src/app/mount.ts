import type { Provider } from '../di/index.js'
import { ConfigurationError } from '../errors/index.js'
import type { RenderFunction } from '../machine/index.js'
import { defaultBodyParsers } from '../render/index.js'
import { parsePathTemplate } from '../router/index.js'
import type { RestApplicationOptions } from './application-options.js'
import { DEFAULT_RENDERERS } from './default-renderers.js'
import type { Registrations, RouteOptions, RouteRegistration } from './registrations.js'

/**
 * One application's part of a compiled application: the root's own routes, or a mounted one's with
 * their full paths. Its routes are compiled against its providers (its own, the built-ins and the
 * startup values of the applications it is mounted on) and its settings.
 */
export interface Scope {
  /** The full path prefix (`''` for the root application). */
  readonly prefix: string
  /** How start-up errors name a mounted application: `mount('/api/v1')`; `''` for the root. */
  readonly owner: string
  /** Its own registrations: body parsers, renderers, error handlers and renderers. */
  readonly registrations: Registrations
  /** Every name its routes can inject. */
  readonly providers: ReadonlyMap<string, Provider>
  /** The body parsers and renderers its routes use: its own, then those of the applications above it. */
  readonly formats: Pick<Registrations, 'bodyParsers' | 'renderers'>
  /** Its settings, with the route-level ones it leaves unset taken from its parent. */
  readonly settings: RestApplicationOptions
  /** Its routes, with the prefix prepended and its settings as their defaults. */
  readonly routes: readonly RouteRegistration[]
}

/** Settings that belong to the server as a whole: only the root application may set them. */
const SERVER_SETTINGS = [
  'maxUriLength',
  'trace',
  'serviceAvailable',
  'malformed',
  'extraMethods',
  'logger',
  'accessLog',
  'logRedact',
  'requestIdHeader',
  'trustRequestId',
  'echoRequestId',
  'telemetry',
  'defaultHeaders',
] as const satisfies readonly (keyof RestApplicationOptions)[]

/** Route-level defaults a mounted application inherits from its parent unless it sets its own. */
const INHERITED_SETTINGS = [
  'bodyLimit',
  'provides',
  'accepts',
  'compression',
  'problemDetails',
  'authenticationChallenge',
] as const satisfies readonly (keyof RestApplicationOptions)[]

/**
 * The root application and every application mounted in it (depth first, in mount order), each as a
 * {@link Scope}. Mistakes are ConfigurationErrors naming the mount: a server-level setting, a startup
 * value or shutdown hook on a mounted application, a name that shadows an inherited startup value, a
 * malformed path, a path served by two applications.
 */
export function scopesOf(registrations: Registrations, settings: RestApplicationOptions): Scope[] {
  const root: Scope = {
    prefix: '',
    owner: '',
    registrations,
    providers: registrations.providers,
    formats: registrations,
    settings,
    routes: registrations.routes,
  }
  const scopes = [root]
  addMounts(root, scopes)
  const served = new Map<string, Scope>()
  for (const scope of scopes) {
    for (const route of scope.routes) {
      const other = served.get(route.template.source)
      if (other !== undefined && other !== scope) {
        throw new ConfigurationError(
          `${scope.owner}: route ${route.method} ${route.template.source} is on a path ${other.owner === '' ? 'the parent application' : other.owner} serves too; a path belongs to one application`,
        )
      }
      served.set(route.template.source, scope)
    }
  }
  return scopes
}

function addMounts(parent: Scope, scopes: Scope[]): void {
  for (const { prefix, owner: own, child } of parent.registrations.mounts) {
    const fullPrefix = `${parent.prefix}${prefix}`
    const owner = parent.owner === '' ? own : `${parent.owner} → ${own}`
    const childRegistrations = child.registrations
    checkMounted(childRegistrations, child.settings, owner)
    const scope: Scope = {
      prefix: fullPrefix,
      owner,
      registrations: childRegistrations,
      providers: inheritedProviders(parent.providers, childRegistrations.providers, owner),
      formats: {
        // Its own parsers first, then the parent's (theirs first, then the defaults).
        bodyParsers: [
          ...childRegistrations.bodyParsers.filter((parser) => !defaultBodyParsers.includes(parser)),
          ...parent.formats.bodyParsers,
        ],
        renderers: inheritedRenderers(parent.formats.renderers, childRegistrations.renderers),
      },
      settings: inheritedSettings(parent.settings, child.settings),
      routes: childRegistrations.routes.map((route) => prefixed(route, fullPrefix, child.settings, owner)),
    }
    scopes.push(scope)
    addMounts(scope, scopes)
  }
}

function checkMounted(registrations: Registrations, settings: RestApplicationOptions, owner: string): void {
  for (const name of SERVER_SETTINGS) {
    if (settings[name] !== undefined) {
      throw new ConfigurationError(
        `${owner}: '${name}' is a setting of the whole server; set it on the root application`,
      )
    }
  }
  if (registrations.startup.size > 0 || registrations.shutdownHooks.length > 0) {
    const what =
      registrations.startup.size > 0 ? `onStartup('${[...registrations.startup.keys()][0]}')` : 'onShutdown'
    throw new ConfigurationError(
      `${owner}: ${what} belongs on the root application; a mounted application uses the startup values of the one it is mounted on`,
    )
  }
}

/** The child's providers, plus the parent's startup values (which the child may not register again). */
function inheritedProviders(
  parent: ReadonlyMap<string, Provider>,
  own: ReadonlyMap<string, Provider>,
  owner: string,
): ReadonlyMap<string, Provider> {
  const merged = new Map(own)
  for (const provider of parent.values()) {
    if (provider.kind !== 'startup') continue
    const shadow = own.get(provider.name)
    if (shadow !== undefined) {
      throw new ConfigurationError(
        `${owner}: '${provider.name}' is a startup value of the application it is mounted on; a mounted application cannot register the name again (${shadow.kind})`,
      )
    }
    merged.set(provider.name, provider)
  }
  return merged
}

/** The parent's renderers, with those the child registered itself (not its untouched defaults) over them. */
function inheritedRenderers(
  parent: ReadonlyMap<string, RenderFunction>,
  own: ReadonlyMap<string, RenderFunction>,
): Map<string, RenderFunction> {
  const merged = new Map(parent)
  for (const [type, render] of own) if (DEFAULT_RENDERERS.get(type) !== render) merged.set(type, render)
  return merged
}

function inheritedSettings(
  parent: RestApplicationOptions,
  own: RestApplicationOptions,
): RestApplicationOptions {
  const settings: Record<string, unknown> = { ...parent }
  for (const name of INHERITED_SETTINGS) if (own[name] !== undefined) settings[name] = own[name]
  return settings as RestApplicationOptions
}

/** A mounted route with its full path and the mounted application's CORS and security headers as defaults. */
function prefixed(
  route: RouteRegistration,
  prefix: string,
  settings: RestApplicationOptions,
  owner: string,
): RouteRegistration {
  const source = route.template.source === '/' ? prefix : `${prefix}${route.template.source}`
  let template: RouteRegistration['template']
  try {
    template = parsePathTemplate(source)
  } catch (error) {
    throw new ConfigurationError(`${owner}: route ${route.method} ${source}: ${(error as Error).message}`)
  }
  const options: RouteOptions = { ...route.options }
  if (options.cors === undefined && settings.cors !== undefined) options.cors = settings.cors
  if (options.securityHeaders === undefined && settings.securityHeaders !== undefined)
    options.securityHeaders = settings.securityHeaders
  return { ...route, template, options }
}
