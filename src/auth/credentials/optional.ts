import { isHttpError } from '../../errors/index.js'
import type { AuthContext } from '../context.js'

/**
 * Options of {@link optional}.
 *
 * @example
 * optional(jwtBearer(jwt), { invalid: 'anonymous' })
 */
export interface OptionalOptions {
  /**
   * What credentials that were sent but do not verify mean: `'reject'` (default) answers 401 as
   * usual, so a client with an expired token learns to refresh instead of silently getting the
   * anonymous view; `'anonymous'` treats them like no credentials (the guide's behaviour).
   */
  invalid?: 'reject' | 'anonymous'
}

/**
 * Makes an auth building block optional: `null` instead of a 401 when the request carries no
 * credentials, so public routes can show more to signed-in callers. Works with every building block
 * of `restmachine/auth` (they only read built-in values).
 *
 * @example
 * app.dependency('optionalUser', optional(jwtBearer(jwt, { type: 'access' })))
 * app.get('/posts', ({ optionalUser }) => (optionalUser ? allPosts() : publishedPosts()))
 */
export function optional<V>(
  dependency: (context: AuthContext) => V | Promise<V>,
  options: OptionalOptions = {},
): ({ request, headers, cookies, responseHeaders }: AuthContext) => Promise<V | null> {
  const anonymousWhenInvalid = options.invalid === 'anonymous'
  return async ({ request, headers, cookies, responseHeaders }) => {
    try {
      return await dependency({ request, headers, cookies, responseHeaders })
    } catch (error) {
      if (!isHttpError(error) || error.status !== 401) throw error
      // `CredentialsMissing` (code credentials_missing) means no credentials of this kind were sent.
      if (error.code === 'credentials_missing' || anonymousWhenInvalid) return null
      throw error
    }
  }
}
