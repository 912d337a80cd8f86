import { ConfigurationError } from '../errors/index.js'
import type { HandlerContext } from './context-types.js'
import type { CreatingContext } from './registration-types.js'
import type { RouteOptions } from './registrations.js'

/** A handler of route `Path` under `Prefix` in an application with context `Ctx`. */
type RouteHandler<Ctx, Prefix extends string, Path extends string> = (
  context: HandlerContext<Ctx, `${Prefix}${Path}`>,
) => unknown

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
 * group registers exactly as its application does, with the group's prefix and options added.
 */
export abstract class Routes<Ctx, Prefix extends string> {
  /** Registers a route for any method the application knows. @example app.route('GET', '/health', () => ({ ok: true })) */
  abstract route<P extends string>(
    method: string,
    path: P,
    handler: RouteHandler<Ctx, Prefix, P>,
    options?: RouteOptions<Ctx>,
  ): this

  /** Registers a GET route (HEAD is served by it too). @example app.get('/posts/{id}', ({ id }) => find(id)) */
  get<P extends string>(path: P, handler: RouteHandler<Ctx, Prefix, P>, options?: RouteOptions<Ctx>): this {
    return this.route('GET', path, handler, options)
  }

  /** Registers a POST route. @example app.post('/posts', ({ newPost }) => create(newPost)) */
  post<P extends string>(path: P, handler: RouteHandler<Ctx, Prefix, P>, options?: RouteOptions<Ctx>): this {
    return this.route('POST', path, handler, options)
  }

  /** Registers a PUT route. @example app.put('/posts/{id}', ({ id, postInput }) => replace(id, postInput)) */
  put<P extends string, C extends keyof Ctx & string = never>(
    path: P,
    handler: (context: CreatingContext<HandlerContext<Ctx, `${Prefix}${P}`>, C>) => unknown,
    options?: RouteOptions<Ctx> & { creates?: C },
  ): this {
    return this.route('PUT', path, handler as RouteHandler<Ctx, Prefix, P>, options)
  }

  /** Registers a PATCH route. @example app.patch('/posts/{id}', ({ id, jsonBody }) => patch(id, jsonBody)) */
  patch<P extends string>(path: P, handler: RouteHandler<Ctx, Prefix, P>, options?: RouteOptions<Ctx>): this {
    return this.route('PATCH', path, handler, options)
  }

  /** Registers a DELETE route. @example app.delete('/posts/{id}', ({ id }) => { remove(id) }) */
  delete<P extends string>(
    path: P,
    handler: RouteHandler<Ctx, Prefix, P>,
    options?: RouteOptions<Ctx>,
  ): this {
    return this.route('DELETE', path, handler, options)
  }

  /** Registers an OPTIONS route (without one, OPTIONS answers 204 with `Allow`). */
  options<P extends string>(
    path: P,
    handler: RouteHandler<Ctx, Prefix, P>,
    options?: RouteOptions<Ctx>,
  ): this {
    return this.route('OPTIONS', path, handler, options)
  }

  /**
   * Registers routes that share options (see {@link GroupOptions}); groups nest. The routes are the
   * application's own: same dependencies, error handlers and settings.
   *
   * @example
   * app.group({ prefix: '/admin', requires: ['requireAdmin'], tags: ['admin'] }, (admin) => {
   *   admin.get('/users/{id}', ({ id }) => users.get(id))
   * })
   */
  group<P extends string = ''>(
    options: GroupOptions<Ctx, P>,
    build: (group: RouteGroup<Ctx, `${Prefix}${P}`>) => void,
  ): this {
    if (options.prefix !== undefined) checkPrefix(options.prefix, `group({ prefix: '${options.prefix}' })`)
    build(new RouteGroup(this as Routes<Ctx, string>, options))
    return this
  }
}

/**
 * The routes of one {@link Routes.group} call: each is registered on the group's parent with the
 * prefix prepended and the group's options merged into the route's.
 */
export class RouteGroup<Ctx, Prefix extends string> extends Routes<Ctx, Prefix> {
  // Typed without Ctx, so a group's type varies with its context only through its methods.
  readonly #parent: Routes<Record<string, unknown>, string>
  readonly #options: GroupOptions<Record<string, unknown>, string>

  /** @internal */
  constructor(parent: Routes<Ctx, string>, options: GroupOptions<Ctx, string>) {
    super()
    this.#parent = parent as unknown as Routes<Record<string, unknown>, string>
    this.#options = options as GroupOptions<Record<string, unknown>, string>
  }

  route<P extends string>(
    method: string,
    path: P,
    handler: RouteHandler<Ctx, Prefix, P>,
    options: RouteOptions<Ctx> = {},
  ): this {
    const group = this.#options
    const prefix = group.prefix ?? ''
    this.#parent.route(
      method,
      prefix === '' || path !== '/' ? `${prefix}${path}` : prefix,
      handler as RouteHandler<Record<string, unknown>, string, string>,
      mergeGroupOptions(group, options as RouteOptions),
    )
    return this
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
