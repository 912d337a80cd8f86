import { Forbidden } from '../../errors/index.js'
import { notSignedIn, rolesOf, type WithRoles } from './roles.js'

/**
 * A role → permissions table, e.g. `{ admin: ['users:read', …], user: ['posts:read'] }`.
 *
 * @example
 * const table: PermissionTable = { admin: ['users:read'], user: [] }
 */
export type PermissionTable = Readonly<Record<string, readonly string[]>>

/**
 * Every permission named in a table, as a union of string literals.
 *
 * @example
 * type AppPermission = PermissionOf<{ admin: ['users:read']; user: ['posts:read'] }> // 'users:read' | 'posts:read'
 */
export type PermissionOf<T extends PermissionTable> = T[keyof T][number]

/**
 * The helpers {@link definePermissions} makes for one table.
 *
 * @example
 * const permissions: Permissions<'users:read'> = definePermissions({ admin: ['users:read'] })
 */
export interface Permissions<P extends string> {
  /** The permissions of a principal's role(s); none for an unknown role. */
  of(user: WithRoles | null | undefined): readonly P[]
  /** Whether a principal has every one of `permissions`. */
  can(user: WithRoles | null | undefined, ...permissions: P[]): boolean
  /**
   * A dependency: `currentUser` if it has every permission, else 403 `Permission 'users:read' required`
   * (401 when nobody is signed in).
   */
  requirePermission(
    ...permissions: [P, ...P[]]
  ): <U extends WithRoles | null | undefined>(context: { readonly currentUser: U }) => NonNullable<U>
  /** A dependency: the permissions of `currentUser` (empty for nobody). */
  permissionsOf(): (context: { readonly currentUser: WithRoles | null | undefined }) => readonly P[]
}

/**
 * Builds permission checks from a role → permissions table. Permission names are typed from the
 * table, so `requirePermission('users:raed')` is a compile error.
 *
 * @example
 * const { requirePermission } = definePermissions({
 *   admin: ['users:read', 'users:delete'],
 *   user: ['posts:read'],
 * })
 * app.forbidden('requireReadUsers', requirePermission('users:read'))
 */
export function definePermissions<const T extends PermissionTable>(table: T): Permissions<PermissionOf<T>> {
  type P = PermissionOf<T>
  const byRole = new Map<string, ReadonlySet<string>>(
    Object.entries(table).map(([role, list]) => [role, new Set(list)]),
  )
  const of = (user: WithRoles | null | undefined): readonly P[] => {
    const granted = new Set<P>()
    for (const role of rolesOf(user))
      for (const permission of byRole.get(role) ?? []) granted.add(permission as P)
    return [...granted]
  }
  const can = (user: WithRoles | null | undefined, ...permissions: P[]) => {
    const granted = of(user)
    return permissions.every((permission) => granted.includes(permission))
  }
  return {
    of,
    can,
    requirePermission: (...permissions) => {
      const known = new Set(Object.values(table).flat())
      for (const permission of permissions) {
        if (!known.has(permission)) throw new TypeError(`requirePermission: '${permission}' is in no role`)
      }
      return <U extends WithRoles | null | undefined>({ currentUser }: { readonly currentUser: U }) => {
        if (currentUser === null || currentUser === undefined) throw notSignedIn()
        const granted = of(currentUser)
        const missing = permissions.find((permission) => !granted.includes(permission))
        if (missing !== undefined)
          throw new Forbidden(`Permission '${missing}' required`, { code: 'missing_permission' })
        return currentUser as NonNullable<U>
      }
    },
    permissionsOf:
      () =>
      ({ currentUser }) =>
        of(currentUser),
  }
}
