import type { AuthContext } from '../context.js'
import { CredentialsMissing, challenge, invalidToken } from '../errors.js'
import { readBearerToken } from './authorization.js'
import { secretLookup } from './secret-lookup.js'

/**
 * Options of {@link bearerAuth}.
 *
 * @example
 * bearerAuth({ verify: (token) => tokens.get(token), invalidMessage: 'Invalid or expired token' })
 */
export interface BearerAuthOptions<U> {
  /** Known opaque tokens and whom they belong to; compared in constant time. */
  tokens?: Readonly<Record<string, U>> | ReadonlyMap<string, U>
  /** Or: your own check (a database lookup of `sha256Base64Url(token)`, an introspection call…). */
  verify?: (token: string) => U | null | undefined | Promise<U | null | undefined>
  /** 401 message without a bearer token (default `Bearer token required`). */
  missingMessage?: string
  /** 401 message for a token that does not verify (default `Invalid or expired token`). */
  invalidMessage?: string
  /** The `realm` of the challenges. */
  realm?: string
  /** Longest token accepted (default 8192 characters). */
  maxLength?: number
}

/**
 * A dependency that authenticates an opaque bearer token (RFC 6750 §2.1): 401 with a plain
 * `Bearer` challenge when none is sent, 401 `Bearer error="invalid_token"` when it does not verify,
 * 400 for two `Authorization` fields. For JWTs use `jwtBearer`.
 *
 * @example
 * app.authorized('currentUser', bearerAuth({ tokens: { valid_token_123: { id: '1', name: 'Alice' } } }))
 */
export function bearerAuth<U>(
  options: BearerAuthOptions<U>,
): ({ headers }: Pick<AuthContext, 'headers'>) => Promise<U> {
  const lookup = options.tokens !== undefined ? secretLookup(options.tokens) : undefined
  const verify = options.verify
  if ((lookup === undefined) === (verify === undefined)) {
    throw new TypeError('bearerAuth: give exactly one of `tokens` or `verify`')
  }
  const { realm } = options
  const missing = challenge('Bearer', { realm })
  const read = { maxLength: options.maxLength, realm }
  return async ({ headers }) => {
    const token = readBearerToken(headers, read)
    if (token === null)
      throw new CredentialsMissing(options.missingMessage ?? 'Bearer token required', missing)
    const user = lookup !== undefined ? await lookup(token) : await verify?.(token)
    if (user === null || user === undefined) {
      throw invalidToken(options.invalidMessage ?? 'Invalid or expired token', 'Bearer', realm)
    }
    return user
  }
}
