import { Unauthorized } from '../../errors/index.js'
import { insufficientScope } from '../errors.js'

/**
 * The scopes a token grants: its `scope` claim (a space-separated string, RFC 8693 §4.2 and
 * RFC 9068 §2.2.3) or `scp` (a list or string, as some issuers send).
 *
 * @example
 * grantedScopes({ scope: 'posts:read posts:write' }) // ['posts:read', 'posts:write']
 */
export function grantedScopes(claims: unknown): string[] {
  if (typeof claims !== 'object' || claims === null) return []
  const { scope, scp } = claims as { scope?: unknown; scp?: unknown }
  const value = scope ?? scp
  if (typeof value === 'string') return value.split(' ').filter((s) => s !== '')
  if (Array.isArray(value)) return value.filter((s): s is string => typeof s === 'string')
  return []
}

/**
 * Throws 403 `insufficient_scope` (RFC 6750 §3.1) unless the claims grant every scope.
 *
 * @example
 * assertScopes(claims, ['posts:write'])
 */
export function assertScopes(claims: unknown, required: readonly string[]): void {
  const granted = new Set(grantedScopes(claims))
  const missing = required.filter((scope) => !granted.has(scope))
  if (missing.length > 0) throw insufficientScope(required)
}

/**
 * A dependency that requires scopes of the token behind `currentUser` (claims with `scope`/`scp`):
 * 403 `insufficient_scope` naming them when one is missing, 401 when nobody is signed in.
 *
 * @example
 * app.authorized('currentUser', jwtBearer(issuerJwt, { type: false }))
 *   .forbidden('canWritePosts', requireScope('posts:write'))
 */
export function requireScope(...scopes: string[]) {
  if (scopes.length === 0) throw new TypeError('requireScope: name at least one scope')
  return <U>({ currentUser }: { readonly currentUser: U }): NonNullable<U> => {
    if (currentUser === null || currentUser === undefined) throw new Unauthorized('Authentication required')
    assertScopes(currentUser, scopes)
    return currentUser as NonNullable<U>
  }
}
