import type { StandardSchemaV1 } from '@standard-schema/spec'
import {
  type ContextFunction,
  type InjectOptions,
  type ProviderKind,
  readInjection,
  startupProvider,
} from '../di/index.js'
import { ConfigurationError } from '../errors/index.js'
import type { RestRequest, RestResponse } from '../http/index.js'
import type { Handler, RenderFunction } from '../machine/index.js'
import {
  type ApplicationView,
  type GenerateOpenApiOptions,
  generateOpenApi,
  type OpenApiDocument,
} from '../openapi/index.js'
import type { BodyParser } from '../render/index.js'
import { MetricsRegistry } from '../telemetry/index.js'
import type { RestApplicationOptions, TraceViewerOptions } from './application-options.js'
import type { HandlerContext, NoContext, WithValue } from './context-types.js'
import { describeApplication } from './describe-application.js'
import { type ErrorRenderer, registerErrorRenderer } from './error-renderers.js'
import { handleRequest } from './handle-request.js'
import {
  assertIdle,
  compiledApplication,
  idleLifecycle,
  type Lifecycle,
  startApplication,
  stopApplication,
} from './lifecycle.js'
import { mountChild } from './mount-child.js'
import type {
  ApiOf,
  AppTypes,
  DependencyOptions,
  DocumentedStatuses,
  Fn,
  HandlerResult,
  MountedApi,
  MountedAt,
  Registered,
  RouteHints,
  SchemaValidator,
  ValidatesOptions,
  WithApi,
  WithoutRefusal,
  WithRoute,
} from './registration-types.js'
import {
  type ErrorHandler,
  emptyRegistrations,
  type Registrations,
  type RouteOptions,
} from './registrations.js'
import { type ResourceOptions, readResourceCallbacks } from './resource-options.js'
import { registerErrorHandler, registeredProvider, registerRoute } from './route-registration.js'
import { Routes } from './routes.js'
import { guardValidator, isStandardSchema, schemaProvider } from './validation.js'
import { handleFetch } from './web-fetch.js'

/**
 * A REST application: routes, dependencies injected by name, and the decision machine that turns
 * them into correct HTTP. Registering through a chain refines the context type, so handlers see
 * every registered name typed, and a misspelt name is a compile error.
 *
 * @example
 * const app = new RestApplication()
 *   .onStartup('database', () => new Map([['1', { id: '1', name: 'Alice' }]]))
 *   .resourceExists('user', ({ pathParams, database }) => database.get(pathParams.id))
 * app.get('/users/{id}', ({ user }) => user)
 */
export class RestApplication<
  Ctx extends object = NoContext,
  Startup extends object = NoContext,
  Prefix extends string = '',
  Api extends object = {},
> extends Routes<Ctx, Prefix, Api> {
  /** Its type arguments as a type only, read back by the client's types (src/app/api-types.ts). */
  declare readonly '~app'?: AppTypes<Ctx, Startup, Prefix>
  /** @internal */
  readonly registrations: Registrations = emptyRegistrations()
  /** @internal */
  readonly lifecycle: Lifecycle = idleLifecycle()
  readonly settings: RestApplicationOptions
  /** The application's own metrics with `metrics: true` (`metricsEndpoint(app)` serves them). */
  readonly metrics: MetricsRegistry | undefined
  constructor(settings: RestApplicationOptions = {}) {
    super()
    this.settings = settings
    this.metrics = settings.metrics === true ? new MetricsRegistry() : undefined
  }

  /**
   * Registers a request-scoped dependency: created at most once per request, on demand.
   *
   * @example
   * app.dependency('currentUser', ({ headers, database }) => findUser(headers.get('authorization'), database))
   */
  dependency<N extends string, V, D extends number = never>(
    name: N,
    fn: Fn<Ctx, V>,
    options?: DependencyOptions & { openapi?: { responses?: readonly D[] } },
  ): RestApplication<WithValue<Ctx, N, Awaited<V>>, Startup, Prefix, Api & DocumentedStatuses<D>> {
    return this.#provide('dependency', name, fn, options)
  }

  /**
   * Registers a value created once when the application starts (a database pool, a key set),
   * injectable everywhere. Its function may inject other startup values only.
   *
   * @example
   * app.onStartup('database', () => connect(process.env.DATABASE_URL))
   */
  onStartup<N extends string, V>(
    name: N,
    fn: (context: Startup) => V,
    options?: InjectOptions,
  ): RestApplication<WithValue<Ctx, N, Awaited<V>>, WithValue<Startup, N, Awaited<V>>, Prefix, Api> {
    const owner = `onStartup('${name}')`
    this.#claimName(name, owner)
    const inject = readInjection(fn, options, owner, `app.onStartup('${name}', FN)`)
    const create = fn as (c: Record<string, unknown>) => unknown
    this.registrations.startup.set(name, { name, inject, create })
    this.registrations.providers.register(startupProvider(name, inject, this.registrations.startupValues))
    return this as never
  }

  /**
   * Registers a function run at shutdown (after in-flight requests finish); it may inject startup values.
   *
   * @example
   * app.onShutdown(({ database }) => database.close())
   */
  onShutdown(fn: (context: Startup) => unknown, options?: InjectOptions): this {
    assertIdle(this.lifecycle, 'onShutdown')
    const inject = readInjection(fn, options, 'onShutdown hook', 'app.onShutdown(FN)')
    this.registrations.shutdownHooks.push({ run: fn as (c: Record<string, unknown>) => unknown, inject })
    return this
  }

  /**
   * Registers the machine's "Resource exists?" (G7) callback: `null`/`undefined` → 404. Routes
   * that inject it get the 404 for free; anonymous callers of protected routes still get 401 first.
   *
   * @example
   * app.resourceExists('post', ({ pathParams, database }) => database.posts.get(pathParams.post_id), {
   *   etag: ({ post }) => `"${post.version}"`, // 304 / 412 answered before the handler runs
   * })
   */
  resourceExists<N extends string, V>(
    name: N,
    fn: Fn<Ctx, V>,
    options?: ResourceOptions<Ctx, N, NonNullable<Awaited<V>>>,
  ): RestApplication<
    WithValue<Ctx, N, NonNullable<Awaited<V>>>,
    Startup,
    Prefix,
    Api & Registered<'resource'>
  > {
    return this.#provide('resource', name, fn, options, undefined, readResourceCallbacks(name, options))
  }

  /**
   * Registers the machine's "Authorized?" (B8) callback: it returns the principal, or
   * `null`/`undefined`/`false` (or throws `Unauthorized`) → 401 with a `WWW-Authenticate` challenge.
   *
   * @example
   * app.authorized('currentUser', ({ headers }) => sessions.get(headers.get('authorization')))
   */
  authorized<N extends string, V>(
    name: N,
    fn: Fn<Ctx, V>,
    options?: DependencyOptions,
  ): RestApplication<WithValue<Ctx, N, WithoutRefusal<V>>, Startup, Prefix, Api & Registered<'authorized'>> {
    return this.#provide('authorized', name, fn, options)
  }

  /**
   * Registers the machine's "Forbidden?" (B7) callback: it returns the value to inject when access
   * is allowed, or `null`/`undefined`/`false` (or throws `Forbidden`) → 403.
   *
   * @example
   * app.forbidden('requireAdmin', ({ currentUser }) => currentUser.role === 'admin' && currentUser)
   */
  forbidden<N extends string, V>(
    name: N,
    fn: Fn<Ctx, V>,
    options?: DependencyOptions,
  ): RestApplication<WithValue<Ctx, N, WithoutRefusal<V>>, Startup, Prefix, Api & Registered<'forbidden'>> {
    return this.#provide('forbidden', name, fn, options)
  }

  /**
   * Registers validated input. A Standard Schema (zod, valibot, arktype…) validates the JSON body
   * (or the query with `{ source: 'query' }`); a function gets the context and returns the value.
   * Failures → 422 with one detail per failing field.
   *
   * @example
   * app.validates('loginRequest', z.object({ email: z.email(), password: z.string() }))
   */
  validates<N extends string, S extends StandardSchemaV1, const O extends ValidatesOptions = {}>(
    name: N,
    schema: S,
    options?: O,
  ): RestApplication<
    WithValue<Ctx, N, StandardSchemaV1.InferOutput<S>>,
    Startup,
    Prefix,
    Api & SchemaValidator<N, S, O>
  >
  validates<N extends string, V>(
    name: N,
    fn: Fn<Ctx, V>,
    options?: DependencyOptions,
  ): RestApplication<WithValue<Ctx, N, Awaited<V>>, Startup, Prefix, Api & Registered<'validator'>>
  validates(name: string, schemaOrFn: unknown, options: ValidatesOptions = {}): unknown {
    if (isStandardSchema(schemaOrFn)) {
      this.#claimName(name, `validates('${name}')`)
      this.registrations.providers.register(schemaProvider(name, schemaOrFn, options.source ?? 'body'))
      return this
    }
    if (typeof schemaOrFn !== 'function') {
      throw new ConfigurationError(`validates('${name}'): expected a Standard Schema or a function`)
    }
    const fn = schemaOrFn as (c: Record<string, unknown>) => unknown
    return this.#provide('validator', name, fn, options, guardValidator(fn))
  }

  /**
   * Replaces the body of error responses with the given statuses (all statuses when none is given).
   * The function gets `{ request, message, error, status }` and returns the body.
   *
   * @example
   * app.errorHandler(401, 403, ({ error, message }) => ({ error: error.reason, message }))
   */
  errorHandler(...args: [...statuses: number[], handler: ErrorHandler]): this {
    registerErrorHandler(this.registrations, args)
    return this
  }

  /** Registers a route for any method this application knows. @example app.route('GET', '/health', () => ({ ok: true })) */
  route<M extends string, P extends string, R extends HandlerResult<H>, H extends RouteHints = {}>(
    method: M,
    path: P,
    handler: (context: HandlerContext<Ctx, `${Prefix}${P}`>) => R,
    options?: RouteOptions<Ctx> & H,
  ): WithRoute<this, Prefix, P, M, R, H> {
    assertIdle(this.lifecycle, 'route')
    registerRoute(this.registrations, method, path, handler as Handler, options as RouteOptions | undefined)
    return this as never
  }

  /**
   * Serves another application's routes under `prefix`, compiled into this one's router at start (no
   * cost per request). It keeps its own dependencies, validators, error handlers and renderers,
   * scoped to its routes, and sees this application's startup values (docs/composing.md). Given a
   * function, it builds one typed with those values and the prefix's path parameters.
   *
   * @example
   * app.mount('/orgs/{org}', (orgs) => orgs.get('/repos', ({ org, database }) => database.repos(org)))
   */
  mount<P extends string, R = unknown>(
    prefix: P,
    build: (child: RestApplication<Startup, Startup, `${Prefix}${P}`>) => R,
  ): WithApi<this, ApiOf<R>>
  mount<P extends string, Child extends RestApplication<object, object, string>>(
    prefix: P,
    child: MountedAt<Child, `${Prefix}${P}`>,
  ): WithApi<this, MountedApi<Child, `${Prefix}${P}`>>
  mount(prefix: string, child: unknown): unknown {
    assertIdle(this.lifecycle, 'mount')
    mountChild(this, prefix, child, RestApplication)
    return this
  }

  /**
   * Registers (or replaces) how error responses of one media type are written; errors are negotiated
   * among JSON, problem+json, HTML, text and these, as successes are. @example app.errorRenderer('text/plain', (p) => p.detail)
   */
  errorRenderer(mediaType: string, render: ErrorRenderer): this {
    assertIdle(this.lifecycle, 'errorRenderer')
    registerErrorRenderer(this.registrations, mediaType, render)
    return this
  }

  /**
   * Registers a body parser for `parsedBody` (tried before the built-in JSON, form, multipart and text ones).
   *
   * @example
   * app.bodyParser({ mediaTypes: ['application/yaml'], parse: (bytes) => parseYaml(new TextDecoder().decode(bytes)) })
   */
  bodyParser(parser: BodyParser): this {
    assertIdle(this.lifecycle, 'bodyParser')
    this.registrations.bodyParsers.unshift(parser)
    return this
  }

  /**
   * Registers (or replaces) the renderer for a media type, usable by name in routes' `provides`.
   * @example
   * app.renderer('application/yaml', (value) => toYaml(value))
   */
  renderer(mediaType: string, render: RenderFunction): this {
    assertIdle(this.lifecycle, 'renderer')
    this.registrations.renderers.set(mediaType.toLowerCase(), render)
    return this
  }
  /** Turns on the decision-trace viewer (docs/trace-viewer.md). @example app.traceViewer({ path: '/_restmachine' }) */
  traceViewer(options: TraceViewerOptions = {}): this {
    assertIdle(this.lifecycle, 'traceViewer')
    this.registrations.traceViewer = { ...options }
    return this
  }
  /**
   * Compiles the routes, checks the dependency graph (unknown names, cycles) and creates startup
   * values. Idempotent; `serve()`, `fetch()` and the test client call it for you.
   *
   * @example
   * await app.start()
   */
  async start(): Promise<void> {
    await startApplication(this)
  }

  /** Runs the shutdown hooks once. @example await app.stop() */
  stop(): Promise<void> {
    return stopApplication(this)
  }

  /**
   * The OpenAPI 3.1 document of this application, derived from its routes, validators and the
   * statuses its decision plans can produce.
   *
   * @example
   * app.get('/openapi.json', () => app.openapi({ title: 'Documents API', version: '1.0.0' }))
   */
  openapi(options: GenerateOpenApiOptions): OpenApiDocument {
    return generateOpenApi(this, options)
  }

  /**
   * A read-only view of the compiled application: its paths in registration order with their routes,
   * plans and `Allow`, its providers and error settings. Before `start()` it compiles the application
   * the way `start()` does, and `start()` then reuses that compile. Configuration mistakes throw here.
   *
   * @example
   * app.describe().paths.map((path) => `${path.template.source}: ${path.entry.allow}`)
   */
  describe(): ApplicationView {
    return describeApplication(compiledApplication(this), this.settings)
  }

  /**
   * Serves one request in the core's own request/response model (what adapters call).
   *
   * @example
   * const response = await app.handle(new RestRequest({ method: 'GET', path: '/', headers }))
   */
  handle(request: RestRequest): RestResponse | Promise<RestResponse> {
    const ready = this.lifecycle.ready
    if (ready !== undefined) return handleRequest(ready, request)
    return startApplication(this).then((started) => handleRequest(started, request))
  }

  /**
   * The Web-standard entry point: serves a Fetch API `Request` (Bun, Deno, workers, tests).
   *
   * @example
   * export default { fetch: (request: Request) => app.fetch(request) }
   */
  fetch = (request: Request): Promise<Response> => handleFetch(this, request)

  #provide(
    kind: ProviderKind,
    name: string,
    fn: (...args: never[]) => unknown,
    options: InjectOptions | undefined,
    resolve?: (context: Record<string, unknown>) => unknown,
    callbacks?: Record<string, ContextFunction>,
  ): never {
    const owner = `${kind === 'dependency' ? 'dependency' : kind === 'resource' ? 'resourceExists' : kind}('${name}')`
    this.#claimName(name, owner)
    const inject = readInjection(fn, options, owner, `app.${owner.replace(`('${name}')`, '')}('${name}', FN)`)
    const call = resolve ?? (fn as unknown as (c: Record<string, unknown>) => unknown)
    this.registrations.providers.register(registeredProvider(kind, name, inject, call, options, callbacks))
    return this as never
  }

  // Every registration that changes what compiles calls assertIdle: it drops a compile made by
  // describe(), this application's and those of the applications it is mounted on.
  #claimName(name: string, owner: string): void {
    assertIdle(this.lifecycle, owner)
    this.registrations.providers.claim(name, owner)
  }
}
