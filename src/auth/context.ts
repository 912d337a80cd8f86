import type { BuiltInContext } from '../app/index.js'

/**
 * The built-in values the auth building blocks read: every dependency they make destructures only
 * names from this list, so the names resolve in any application without registering anything, and
 * wrappers such as `optional()` can call one building block from another.
 *
 * @example
 * const whoIsAsking = ({ request, headers }: AuthContext) => headers.get('user-agent') ?? request.remoteAddress
 */
export type AuthContext = Pick<BuiltInContext, 'request' | 'headers' | 'cookies' | 'responseHeaders'>

/**
 * A dependency function made by an auth building block: it takes (part of) the {@link AuthContext}
 * and returns the value to inject.
 *
 * @example
 * const dependency: AuthDependency<{ id: string }> = async ({ headers }) => ({ id: headers.get('x-user') ?? '' })
 */
export type AuthDependency<V, Needs extends keyof AuthContext = keyof AuthContext> = (
  context: Pick<AuthContext, Needs>,
) => Promise<V>
