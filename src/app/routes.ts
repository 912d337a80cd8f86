import { ConfigurationError } from '../errors/index.js'
import type { ApiOf, AppTypes, HandlerResult, RouteHints, WithApi, WithRoute } from './api-types.js'
import type { HandlerContext } from './context-types.js'
import type { CreatingContext } from './registration-types.js'
import type { RouteOptions } from './registrations.js'

/** A handler of route `Path` under `Prefix` in an application with context `Ctx`, returning `R`. */
type RouteHandler<Ctx, Prefix extends string, Path extends string, R = unknown> = (
  context: HandlerContext<Ctx, `${Prefix}${Path}`>,
) => R

/**
 * What the routes of a group share: a path prefix (its `{name}` parameters typed in the handlers),
 * the checks every route requires, CORS, security headers and OpenAPI tags. A route's own setting
 * wins over the group's; `requires` and `tags` add up.
 *
 * @example
 * app.group({ prefix: '/admin', requires: ['requireAdmin'], tags: ['admin'] }, (admin) => {
 *   admin.get('/stats', () => stats())
 * })
 */
export interface GroupOptions<Ctx, Prefix extends string = ''> {
  /** Prepended to every route's path; starts with `/`, ends without one. */
  readonly prefix?: Prefix
  /** Dependencies every route of the group resolves for their checks (an authorization, say). */
  readonly requires?: RouteOptions<Ctx>['requires']
  /** CORS of the group's routes (a route's own setting wins). */
  readonly cors?: RouteOptions<Ctx>['cors']
  /** Security headers of the group's routes (a route's own setting wins). */
  readonly securityHeaders?: RouteOptions<Ctx>['securityHeaders']
  /** OpenAPI tags of every operation of the group, before the route's own. */
  readonly tags?: readonly string[]
}

/**
 * Registering routes: the verbs, `route` and `group`. Shared by an application and its groups, so a
 * group registers exactly as its application does, with the group's prefix and options added. Each
 * verb returns its receiver typed with the route added to `Api` (what `restmachine/client` reads);
 * the value is the receiver itself, so statement-style registration works as before.
 */
export abstract class Routes<Ctx, Prefix extends string, Api extends object = {}> {
  /** The routes registered through this chain, as a type only (read by `restmachine/client`). */
  declare readonly '~api'?: Api

  /** Registers a route for any method the application knows. @example app.route('GET', '/health', () => ({ ok: true })) */
  abstract route<M extends string, P extends string, R extends HandlerResult<H>, H extends RouteHints = {}>(
    method: M,
    path: P,
    handler: RouteHandler<Ctx, Prefix, P, R>,
    options?: RouteOptions<Ctx> & H,
  ): WithRoute<this, Prefix, P, M, R, H>

  /** Registers a GET route (HEAD is served by it too). @example app.get('/posts/{id}', ({ id }) => find(id)) */
  get<P extends string, R extends HandlerResult<H>, H extends RouteHints = {}>(
    path: P,
    handler: RouteHandler<Ctx, Prefix, P, R>,
    options?: RouteOptions<Ctx> & H,
  ): WithRoute<this, Prefix, P, 'GET', R, H> {
    return this.route('GET', path, handler, options) as never
  }

  /** Registers a POST route. @example app.post('/posts', ({ newPost }) => create(newPost)) */
  post<P extends string, R extends HandlerResult<H>, H extends RouteHints = {}>(
    path: P,
    handler: RouteHandler<Ctx, Prefix, P, R>,
    options?: RouteOptions<Ctx> & H,
  ): WithRoute<this, Prefix, P, 'POST', R, H> {
    return this.route('POST', path, handler, options) as never
  }

  /** Registers a PUT route. @example app.put('/posts/{id}', ({ id, postInput }) => replace(id, postInput)) */
  put<
    P extends string,
    R extends HandlerResult<H>,
    C extends keyof Ctx & string = never,
    H extends RouteHints = {},
  >(
    path: P,
    handler: (context: CreatingContext<HandlerContext<Ctx, `${Prefix}${P}`>, C>) => R,
    options?: RouteOptions<Ctx> & H & { creates?: C },
  ): WithRoute<this, Prefix, P, 'PUT', R, H & ([C] extends [never] ? {} : { creates: C })> {
    return this.route('PUT', path, handler as RouteHandler<Ctx, Prefix, P, R>, options) as never
  }

  /** Registers a PATCH route. @example app.patch('/posts/{id}', ({ id, jsonBody }) => patch(id, jsonBody)) */
  patch<P extends string, R extends HandlerResult<H>, H extends RouteHints = {}>(
    path: P,
    handler: RouteHandler<Ctx, Prefix, P, R>,
    options?: RouteOptions<Ctx> & H,
  ): WithRoute<this, Prefix, P, 'PATCH', R, H> {
    return this.route('PATCH', path, handler, options) as never
  }

  /** Registers a DELETE route. @example app.delete('/posts/{id}', ({ id }) => { remove(id) }) */
  delete<P extends string, R extends HandlerResult<H>, H extends RouteHints = {}>(
    path: P,
    handler: RouteHandler<Ctx, Prefix, P, R>,
    options?: RouteOptions<Ctx> & H,
  ): WithRoute<this, Prefix, P, 'DELETE', R, H> {
    return this.route('DELETE', path, handler, options) as never
  }

  /** Registers an OPTIONS route (without one, OPTIONS answers 204 with `Allow`). */
  options<P extends string, R extends HandlerResult<H>, H extends RouteHints = {}>(
    path: P,
    handler: RouteHandler<Ctx, Prefix, P, R>,
    options?: RouteOptions<Ctx> & H,
  ): WithRoute<this, Prefix, P, 'OPTIONS', R, H> {
    return this.route('OPTIONS', path, handler, options) as never
  }

  /**
   * Registers routes that share options (see {@link GroupOptions}); groups nest. The routes are the
   * application's own: same dependencies, error handlers and settings. A `build` that returns its
   * chained group adds the group's routes to this one's `Api` type.
   *
   * @example
   * app.group({ prefix: '/admin', requires: ['requireAdmin'], tags: ['admin'] }, (admin) => {
   *   admin.get('/users/{id}', ({ id }) => users.get(id))
   * })
   */
  group<P extends string = '', R = void>(
    options: GroupOptions<Ctx, P>,
    build: (group: RouteGroup<Ctx, `${Prefix}${P}`, Api>) => R,
  ): R extends { readonly '~api'?: object } ? WithApi<this, ApiOf<R>> : this {
    const owner = options.prefix === undefined ? 'group()' : `group({ prefix: '${options.prefix}' })`
    if (options.prefix !== undefined) checkPrefix(options.prefix, owner)
    checkGroupOptions(options, owner)
    build(new RouteGroup<Ctx, `${Prefix}${P}`, Api>(this as Routes<Ctx, string>, options))
    return this as never
  }
}

/** What a group's options may name (the keys of {@link GroupOptions}). */
const GROUP_OPTIONS: ReadonlySet<string> = new Set(['prefix', 'requires', 'cors', 'securityHeaders', 'tags'])

/**
 * Refuses a group option the group would ignore: the types leave them out, and an untyped caller (or
 * one spreading a route's options) is told at registration rather than finding the option silently
 * without effect.
 */
function checkGroupOptions(options: object, owner: string): void {
  for (const key of Object.keys(options)) {
    if (GROUP_OPTIONS.has(key)) continue
    // A group's routes answer different bodies, so one declared body for all of them is a mistake.
    if (key === 'returns')
      throw new ConfigurationError(`${owner}: 'returns' is a route's option, not a group's`)
    throw new ConfigurationError(
      `${owner}: '${key}' is not a group option (a group takes ${[...GROUP_OPTIONS].join(', ')}); set it on each route`,
    )
  }
}

/**
 * The routes of one {@link Routes.group} call: each is registered on the group's parent with the
 * prefix prepended and the group's options merged into the route's.
 */
export class RouteGroup<Ctx, Prefix extends string, Api extends object = {}> extends Routes<
  Ctx,
  Prefix,
  Api
> {
  /** Its type arguments as a type only, read back by the client's types (src/app/api-types.ts). */
  declare readonly '~group'?: AppTypes<Ctx, {}, Prefix>
  // Typed without Ctx, so a group's type varies with its context only through its methods.
  readonly #parent: Routes<Record<string, unknown>, string>
  readonly #options: GroupOptions<Record<string, unknown>, string>

  /** @internal */
  constructor(parent: Routes<Ctx, string>, options: GroupOptions<Ctx, string>) {
    super()
    this.#parent = parent as unknown as Routes<Record<string, unknown>, string>
    this.#options = options as GroupOptions<Record<string, unknown>, string>
  }

  route<M extends string, P extends string, R extends HandlerResult<H>, H extends RouteHints = {}>(
    method: M,
    path: P,
    handler: RouteHandler<Ctx, Prefix, P, R>,
    options?: RouteOptions<Ctx> & H,
  ): WithRoute<this, Prefix, P, M, R, H> {
    const group = this.#options
    const prefix = group.prefix ?? ''
    this.#parent.route(
      method,
      prefix === '' || path !== '/' ? `${prefix}${path}` : prefix,
      handler as RouteHandler<Record<string, unknown>, string, string>,
      mergeGroupOptions(group, (options ?? {}) as RouteOptions),
    )
    return this as never
  }
}

/** A route's options with its group's added: `requires` and `tags` joined, the rest the route's first. */
function mergeGroupOptions<Ctx>(group: GroupOptions<Ctx, string>, own: RouteOptions<Ctx>): RouteOptions<Ctx> {
  const merged: RouteOptions<Ctx> = { ...own }
  if (group.requires !== undefined) merged.requires = [...group.requires, ...(own.requires ?? [])]
  if (own.cors === undefined && group.cors !== undefined) merged.cors = group.cors
  if (own.securityHeaders === undefined && group.securityHeaders !== undefined)
    merged.securityHeaders = group.securityHeaders
  if (group.tags !== undefined) {
    const tags = [...group.tags, ...(own.openapi?.tags ?? []).filter((tag) => !group.tags?.includes(tag))]
    merged.openapi = { ...own.openapi, tags }
  }
  return merged
}

/**
 * Refuses a prefix that could not be joined to a route's path: it starts with `/` and ends without
 * one (`/api/v1`, `/orgs/{org}`).
 *
 * @example
 * checkPrefix('/api/', "mount('/api/')") // throws
 */
export function checkPrefix(prefix: string, owner: string): void {
  if (typeof prefix !== 'string' || !prefix.startsWith('/') || prefix.endsWith('/')) {
    throw new ConfigurationError(`${owner}: a prefix starts with '/' and does not end with one`)
  }
}
