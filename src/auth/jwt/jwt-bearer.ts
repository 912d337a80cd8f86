import type { StandardSchemaV1 } from '@standard-schema/spec'
import { ServiceUnavailable } from '../../errors/index.js'
import type { AuthContext } from '../context.js'
import { readBearerToken } from '../credentials/authorization.js'
import { CredentialsMissing, challenge, invalidToken } from '../errors.js'
import { Jwt } from './jwt.js'
import { JwtError } from './jwt-errors.js'
import type { JwtClaims, JwtOptions } from './jwt-types.js'
import { assertScopes } from './scopes.js'

/**
 * Options of {@link jwtBearer}.
 *
 * @example
 * jwtBearer(jwt, { type: 'access', schema: z.object({ user_id: z.string() }), requiredScopes: ['posts:read'] })
 */
export interface JwtBearerOptions<C, U> {
  /** The `type` claim required (default `'access'`, so refresh tokens are refused); `false`: none. */
  type?: string | false
  /** The `typ` header required (RFC 8725 §3.11), e.g. `at+jwt` for RFC 9068 access tokens. */
  typ?: string
  /** A Standard Schema (zod, valibot…) the claims must satisfy; its output types the claims. */
  schema?: StandardSchemaV1<unknown, C>
  /** Turns verified claims into the value to inject (may look the user up); `null` → 401. */
  user?: (claims: C) => U | null | undefined | Promise<U | null | undefined>
  /** Scopes every request must have (`scope`/`scp` claim); missing → 403 `insufficient_scope`. */
  requiredScopes?: readonly string[]
  /** 401 message without a token (default `Authentication required`). */
  missingMessage?: string
  /** The `realm` of the challenges. */
  realm?: string
}

/**
 * A dependency that authenticates a JWT bearer token (RFC 6750 + RFC 7519/8725): no token → 401
 * `Bearer`; a token that does not verify → 401 `Bearer error="invalid_token"` with a safe message
 * (`Token expired`, `Invalid token type`, `Invalid token`…); two `Authorization` fields → 400;
 * a remote key set that cannot be fetched → 503. The value is the claims, or what `user` makes of them.
 *
 * @example
 * const jwt = createJwt({ secret: process.env.JWT_SECRET_KEY!, issuer: 'my-api' })
 * app.authorized('currentUser', jwtBearer(jwt, {
 *   user: (claims) => ({ id: String(claims.user_id), role: String(claims.role) }),
 * }))
 */
export function jwtBearer<C = JwtClaims, U = C>(
  jwt: Jwt | JwtOptions,
  options: JwtBearerOptions<C, U> = {},
): ({ headers }: Pick<AuthContext, 'headers'>) => Promise<U> {
  const verifier = jwt instanceof Jwt ? jwt : new Jwt(jwt)
  const { realm, schema, user, requiredScopes } = options
  const verify = { type: options.type ?? 'access', typ: options.typ }
  const missing = challenge('Bearer', { realm })
  return async ({ headers }) => {
    const token = readBearerToken(headers, { maxLength: verifier.maxTokenLength, realm })
    if (token === null)
      throw new CredentialsMissing(options.missingMessage ?? 'Authentication required', missing)
    let claims: JwtClaims
    try {
      claims = await verifier.verify(token, verify)
    } catch (error) {
      if (error instanceof JwtError && error.reason === 'keys_unavailable') {
        throw new ServiceUnavailable('Token keys are temporarily unavailable; try again shortly', {
          retryAfter: 5,
          cause: error,
        })
      }
      throw invalidToken(error instanceof JwtError ? error.message : 'Invalid token', 'Bearer', realm)
    }
    if (requiredScopes !== undefined && requiredScopes.length > 0) assertScopes(claims, requiredScopes)
    const checked = schema === undefined ? (claims as C) : await validateClaims(schema, claims, realm)
    if (user === undefined) return checked as unknown as U
    const value = await user(checked)
    if (value === null || value === undefined) throw invalidToken('Unknown user', 'Bearer', realm)
    return value
  }
}

async function validateClaims<C>(
  schema: StandardSchemaV1<unknown, C>,
  claims: JwtClaims,
  realm?: string,
): Promise<C> {
  const result = await schema['~standard'].validate(claims)
  if (result.issues !== undefined) throw invalidToken('Invalid token claims', 'Bearer', realm)
  return result.value
}
