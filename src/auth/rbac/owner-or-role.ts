import { Forbidden } from '../../errors/index.js'
import { hasRole, notSignedIn, type WithRoles } from './roles.js'

/**
 * Options of {@link ownerOrRole}.
 *
 * @example
 * ownerOrRole(currentUser, post, { owner: 'author_id', roles: ['admin', 'moderator'] })
 */
export interface OwnerOrRoleOptions<R> {
  /** The resource's owner id: a property name (`'author_id'`) or a function. */
  owner: keyof R | ((resource: R) => unknown)
  /** Roles that may act on anyone's resource (default `['admin']`). */
  roles?: readonly string[]
  /** The principal's id property (default `id`). */
  userId?: string
  /** The 403 message (default `You can only modify your own resources`). */
  message?: string
}

/**
 * Returns `resource` if `user` owns it or has one of `roles`, else throws 403 (401 for nobody).
 * Compose it with `resourceExists`, so an absent resource is a 404 before ownership is asked.
 *
 * @example
 * app.resourceExists('post', ({ pathParams, database }) => database.posts.get(pathParams.post_id))
 *   .dependency('authorizedPost', ({ post, currentUser }) =>
 *     ownerOrRole(currentUser, post, { owner: 'author_id', message: 'You can only edit your own posts' }))
 */
export function ownerOrRole<R>(
  user: object | null | undefined,
  resource: R,
  options: OwnerOrRoleOptions<R>,
): R {
  if (user === null || user === undefined) throw notSignedIn()
  if (hasRole(user as WithRoles, ...(options.roles ?? ['admin']))) return resource
  const owner =
    typeof options.owner === 'function'
      ? options.owner(resource)
      : (resource as Record<PropertyKey, unknown>)[options.owner as PropertyKey]
  const id = (user as Readonly<Record<string, unknown>>)[options.userId ?? 'id']
  if (owner === undefined || owner === null || id === undefined || id === null || owner !== id) {
    throw new Forbidden(options.message ?? 'You can only modify your own resources', { code: 'not_owner' })
  }
  return resource
}
