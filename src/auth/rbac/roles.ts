import { Forbidden, Unauthorized } from '../../errors/index.js'

/**
 * A principal with a `role` (the guide's shape) or a list of `roles`.
 *
 * @example
 * hasRole({ roles: ['editor', 'admin'] } satisfies WithRoles, 'admin') // true
 */
export type WithRoles = { readonly role?: unknown; readonly roles?: unknown }

/**
 * The roles of a principal: its `role` string and/or the strings in its `roles` list.
 *
 * @example
 * rolesOf({ role: 'admin' }) // ['admin']
 */
export function rolesOf(user: WithRoles | null | undefined): string[] {
  if (user === null || user === undefined) return []
  const roles: string[] = []
  if (typeof user.role === 'string') roles.push(user.role)
  if (Array.isArray(user.roles)) for (const role of user.roles) if (typeof role === 'string') roles.push(role)
  return roles
}

/**
 * Whether a principal has at least one of `roles`.
 *
 * @example
 * hasRole(currentUser, 'moderator', 'admin')
 */
export function hasRole(user: WithRoles | null | undefined, ...roles: string[]): boolean {
  return rolesOf(user).some((role) => roles.includes(role))
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/**
 * The guide's wording for a missing role: `Admin access required`, `Moderator or admin access required`.
 *
 * @example
 * roleMessage(['moderator', 'admin']) // 'Moderator or admin access required'
 */
export function roleMessage(roles: readonly string[]): string {
  return `${capitalise(roles.join(' or '))} access required`
}

/** The 401 when a role check runs for nobody (an optional user that is `null`). */
export function notSignedIn(): Unauthorized {
  return new Unauthorized('Authentication required')
}

/**
 * A dependency (use `forbidden` or `dependency`) that lets through a `currentUser` with one of
 * `roles` and answers 403 `Admin access required` (naming the roles) otherwise; 401 when nobody is
 * signed in. It injects the user, typed as `currentUser`.
 *
 * @example
 * app.forbidden('requireAdmin', requireRole('admin'))
 * app.get('/admin/users', ({ database }) => database.users, { requires: ['requireAdmin'] })
 */
export function requireRole(...roles: [string, ...string[]]) {
  if (roles.length === 0) throw new TypeError('requireRole: name at least one role')
  const message = roleMessage(roles)
  return <U extends WithRoles | null | undefined>({
    currentUser,
  }: {
    readonly currentUser: U
  }): NonNullable<U> => {
    if (currentUser === null || currentUser === undefined) throw notSignedIn()
    if (!hasRole(currentUser, ...roles)) throw new Forbidden(message, { code: 'missing_role' })
    return currentUser as NonNullable<U>
  }
}
