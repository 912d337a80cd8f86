import {
  type ContextFunction,
  type InferredNamesCache,
  type InjectOptions,
  ProviderRegistry,
  type ShutdownHook,
  type StartupFactory,
} from '../di/index.js'
import type { HttpError } from '../errors/index.js'
import type { CorsOptions, RestRequest, SecurityHeadersOptions } from '../http/index.js'
import type { Handler, RenderFunction } from '../machine/index.js'
import type { OperationDoc } from '../openapi/index.js'
import { type BodyParser, defaultBodyParsers } from '../render/index.js'
import type { PathTemplate } from '../router/index.js'
import type { TraceViewerOptions } from '../viewer/index.js'
import type { RestApplicationOptions } from './application-options.js'
import type { CompressionOptions } from './compression-options.js'
import type { DependencyContext } from './context-types.js'
import { DEFAULT_RENDERERS } from './default-renderers.js'
import type { ErrorRenderer } from './error-renderers.js'

/** Per-route settings. */
export interface RouteOptions<Ctx = Record<string, unknown>> extends InjectOptions {
  /** Content limit in bytes for this route (default: the application's `bodyLimit`). */
  bodyLimit?: number
  /**
   * Dependencies resolved for their checks although the handler does not use their values, e.g.
   * `{ requires: ['requireAdmin'] }` guards a route with an authorization dependency.
   */
  requires?: readonly (keyof Ctx & string)[]
  /**
   * The media types the route produces, in order of preference (C4; 406 when none is acceptable):
   * names of registered renderers, or a map from media type to render function.
   * Default: JSON (and text for string results), without renderers.
   * @example provides: { 'application/json': renderJson, 'text/csv': (report) => toCsv(report.rows) }
   */
  provides?: string | readonly string[] | Readonly<Record<string, RenderFunction>>
  /** Languages the route can produce (D5; `Content-Language` and `Vary: Accept-Language`). */
  languages?: readonly string[]
  /** Charsets the route can produce (E6). */
  charsets?: readonly string[]
  /**
   * A PUT to a missing target creates this resource: the handler runs with it `undefined`, and
   * the response is 201 + Location (RFC 9110 §9.3.4). Without it a missing resource is 404.
   */
  creates?: keyof Ctx & string
  /** Answers "would this request conflict with the resource's current state?" (O14 → 409). */
  conflict?: (context: DependencyContext<Ctx>) => boolean | Promise<boolean>
  /** GET responses honour `Range` and advertise `Accept-Ranges: bytes` (RFC 9110 §14). */
  ranges?: boolean
  /**
   * `Cache-Control` for successful GET/HEAD responses and their 304s: one value, or a function of
   * the decoded path parameters for a value per path (`undefined`: none).
   * @example cacheControl: ({ file }) => (file.endsWith('.html') ? 'no-cache' : 'max-age=3600')
   */
  cacheControl?: string | ((pathParams: Readonly<Record<string, string>>) => string | undefined)
  /**
   * Media types (or patterns like `application/*+json`) the route's `parsedBody` accepts; others → 415.
   * Default: the application's `accepts`, else JSON.
   * @example accepts: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data']
   */
  accepts?: readonly string[]
  /** Security headers for this route, replacing the application's (`false`: none). */
  securityHeaders?: boolean | SecurityHeadersOptions
  /** CORS for this route (Fetch §3.2); `false` turns the application's setting off here. */
  cors?: CorsOptions | false
  /**
   * Response compression for this route: `false` turns the application's off here, `true` or
   * options turn it on (options override the application's one by one).
   */
  compression?: boolean | CompressionOptions
  /** Which resource's validators answer preconditions, when the route uses several with validators. */
  resource?: keyof Ctx & string
  /**
   * The schema of the success body: a Standard Schema with a JSON Schema converter (zod 4) or a
   * JSON Schema object. Compiled once at start into the route's JSON writer: exactly
   * `JSON.stringify`'s text for valid data in the schema's key order, undeclared properties dropped
   * (a guard against leaking fields), a wrong shape a 500 outside production and logged in
   * production (docs/decisions/0515). It also documents the success response in OpenAPI.
   * @example returns: z.object({ id: z.string(), name: z.string() })
   */
  returns?: object
  /**
   * Documentation for OpenAPI: summary, description, tags, response bodies (each derived when absent).
   * @example openapi: { summary: 'Read a post', tags: ['posts'], responses: { 200: { schema: Post } } }
   */
  openapi?: OperationDoc
}

/** What an error handler receives. */
export interface ErrorInfo {
  /** The request that failed. */
  readonly request: RestRequest
  /** The message a client may see (a generic one for server errors). */
  readonly message: string
  /** The error, as an {@link HttpError} (unknown errors arrive as a 500). */
  readonly error: HttpError
  /** The response status. */
  readonly status: number
}

/** Turns an error into the response body (or a full `respond(...)` / `Response`). */
export type ErrorHandler = (info: ErrorInfo) => unknown

/** A registered route. */
export interface RouteRegistration {
  readonly method: string
  readonly template: PathTemplate
  readonly handler: Handler
  readonly inject: readonly string[]
  readonly options: RouteOptions
  /** The route's `conflict` callback with its injected names. */
  readonly conflict: ContextFunction | undefined
}

/** An application mounted under a prefix (`app.mount`): compiled into its parent's router at start. */
export interface Mount {
  /** The path prefix, e.g. `/api/v1` or `/orgs/{org}`. */
  readonly prefix: string
  /** How start-up errors name it: `mount('/api/v1')`. */
  readonly owner: string
  readonly child: { readonly registrations: Registrations; readonly settings: RestApplicationOptions }
}

/** Everything registered on an application, as plain data for the compiler. */
export interface Registrations {
  /** Every injectable name and its provider (dependency injection's registry). */
  readonly providers: ProviderRegistry
  readonly startup: Map<string, StartupFactory>
  /** Created startup values, filled by `start()`. */
  readonly startupValues: Record<string, unknown>
  readonly routes: RouteRegistration[]
  /** `METHOD template` of every route in {@link Registrations.routes}, for the duplicate check. */
  readonly routeKeys: Set<string>
  /** Names inferred from handlers' source text, by that text: handlers often share their code. */
  readonly inferredNames: InferredNamesCache
  readonly shutdownHooks: ShutdownHook[]
  readonly errorHandlers: Map<number, ErrorHandler>
  /** Body parsers `parsedBody` chooses from. */
  readonly bodyParsers: BodyParser[]
  /** Renderers by media type, for routes' `provides`. */
  readonly renderers: Map<string, RenderFunction>
  fallbackErrorHandler: ErrorHandler | undefined
  /** The decision-trace viewer's options, once `app.traceViewer()` was called (off by default). */
  traceViewer: TraceViewerOptions | undefined
  /** Error renderers by media type, replacing or adding to the built-in ones (`errorRenderer`). */
  readonly errorRenderers: Map<string, ErrorRenderer>
  /** Applications mounted under a prefix, in registration order. */
  readonly mounts: Mount[]
}

/**
 * What a new application has registered: the built-in injectables, renderers and body parsers.
 *
 * @example
 * const registrations = emptyRegistrations() // registrations.providers.has('request') === true
 */
export function emptyRegistrations(): Registrations {
  return {
    providers: new ProviderRegistry(),
    startup: new Map(),
    startupValues: Object.create(null),
    routes: [],
    routeKeys: new Set(),
    inferredNames: new Map(),
    shutdownHooks: [],
    errorHandlers: new Map(),
    renderers: new Map(DEFAULT_RENDERERS),
    bodyParsers: [...defaultBodyParsers],
    fallbackErrorHandler: undefined,
    traceViewer: undefined,
    errorRenderers: new Map(),
    mounts: [],
  }
}
