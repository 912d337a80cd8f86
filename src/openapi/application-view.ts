import type { Provider } from '../di/index.js'
import type { CorsOptions } from '../http/index.js'
import type { LinkedTarget, PathEntry } from '../machine/index.js'
import type { PathTemplate } from '../router/index.js'
import type { OperationDoc } from './generate-options.js'

/**
 * One registered route as the generator reads it: its method, template, handler (for its name) and
 * the options that document it. A `RestApplication`'s own route registrations fit as they are.
 *
 * @example
 * const route: DocumentedRoute = { method: 'GET', template, handler: listPosts, options: { openapi: { tags: ['posts'] } } }
 */
export interface DocumentedRoute {
  readonly method: string
  readonly template: PathTemplate
  readonly handler: { readonly name: string }
  readonly options: {
    readonly openapi?: OperationDoc
    /** Media types `parsedBody` accepts on this route (else the application's). */
    readonly accepts?: readonly string[]
    /** Which resource answers preconditions, when the route uses several. */
    readonly resource?: string
  }
}

/** How an application answers errors: what its error responses can look like. */
export interface ErrorView {
  /** The statuses whose error bodies an `errorHandler` replaces, or `'all'` with a fallback handler. */
  readonly customErrors: ReadonlySet<number> | 'all'
  /** Whether every JSON error body is RFC 9457 problem details. */
  readonly problemDetails: boolean
  /** The `WWW-Authenticate` challenge of a 401. */
  readonly challenge: string
}

/** One path of the compiled application: its routes as registered and what the router serves for it. */
export interface PathView {
  readonly template: PathTemplate
  /** The routes registered on this template, in registration order. */
  readonly routes: readonly DocumentedRoute[]
  /** What the router holds for the template: the plan per method, `Allow`, the implicit OPTIONS plan. */
  readonly entry: PathEntry
  /** How a mounted application serving this path answers errors (`undefined`: as the application does). */
  readonly errors?: ErrorView
}

/**
 * A read-only view of a compiled application: everything the OpenAPI generator reads, and nothing it
 * could change. `RestApplication.describe()` returns one; the paths are the router's own listing, so
 * each path's plans are the ones requests run.
 *
 * @example
 * const view = app.describe()
 * view.paths[0]?.entry.methods.get('GET')?.entry // the planned decision nodes of the first GET route
 */
export interface ApplicationView extends ErrorView {
  /** Every route, in registration order. */
  readonly routes: readonly DocumentedRoute[]
  /** Every path, in the order its first route was registered. */
  readonly paths: readonly PathView[]
  /** The application-wide nodes every request passes (B13…B10), as compiled. */
  readonly entry: LinkedTarget
  /** Every injectable name the application knows, built-ins included. */
  readonly providers: ReadonlyMap<string, Provider>
  /** The application-wide CORS settings, if any. */
  readonly cors: CorsOptions | undefined
  /** The media types `parsedBody` accepts by default (the `accepts` option). */
  readonly accepts: readonly string[] | undefined
}

/**
 * What the generator reads from an application: anything that describes itself (any `RestApplication`).
 *
 * @example
 * const documentable: DocumentableApp = new RestApplication()
 */
export interface DocumentableApp {
  describe(): ApplicationView
}
