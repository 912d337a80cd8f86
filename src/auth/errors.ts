import { BadRequest, Forbidden, ServiceUnavailable, Unauthorized } from '../errors/index.js'

/** RFC 9110 §11.2 quoted-string: escape `\` and `"` so a value cannot break out of its quotes. */
function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&').replace(/[\r\n]/g, ' ')}"`
}

/**
 * Builds a `WWW-Authenticate` challenge (RFC 9110 §11.6.1) such as
 * `Bearer realm="api", error="invalid_token"` (RFC 6750 §3).
 *
 * @example
 * challenge('Bearer', { error: 'insufficient_scope', scope: 'posts:write' })
 * // 'Bearer error="insufficient_scope", scope="posts:write"'
 */
export function challenge(scheme: string, params: Record<string, string | undefined> = {}): string {
  const parts = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${quote(value)}`)
  return parts.length === 0 ? scheme : `${scheme} ${parts.join(', ')}`
}

/**
 * The 401 for a request that carries no credentials of the expected kind. RFC 6750 §3.1: such a
 * challenge carries no error code. `optional()` turns exactly this error into a `null` user.
 *
 * @example
 * throw new CredentialsMissing('Bearer token required', 'Bearer')
 */
export class CredentialsMissing extends Unauthorized {
  constructor(message: string, challengeValue: string) {
    super(message, { challenge: challengeValue, code: 'credentials_missing' })
  }
}

/**
 * The 401 for credentials that were sent but do not verify: `error="invalid_token"` (RFC 6750 §3.1).
 *
 * @example
 * throw invalidToken('Token expired')
 */
export function invalidToken(message: string, scheme = 'Bearer', realm?: string): Unauthorized {
  return new Unauthorized(message, {
    challenge: challenge(scheme, { realm, error: 'invalid_token' }),
    code: 'invalid_token',
  })
}

/**
 * The 400 for a request whose credentials are ambiguous (two `Authorization` fields, a list in one)
 * or malformed: RFC 6750 §3.1 `invalid_request`. Never "first one wins": a proxy and the app could
 * disagree about which one counts.
 *
 * @example
 * throw invalidRequest('Ambiguous credentials: more than one Authorization header')
 */
export function invalidRequest(message: string, scheme = 'Bearer'): BadRequest {
  return new BadRequest(message, {
    code: 'invalid_request',
    headers: { 'www-authenticate': challenge(scheme, { error: 'invalid_request' }) },
  })
}

/**
 * The 403 for a valid token that lacks scopes: `error="insufficient_scope"` with the scopes needed
 * (RFC 6750 §3.1).
 *
 * @example
 * throw insufficientScope(['posts:write'])
 */
export function insufficientScope(scopes: readonly string[], realm?: string): Forbidden {
  return new Forbidden(`Insufficient scope: ${scopes.join(' ')} required`, {
    code: 'insufficient_scope',
    headers: {
      'www-authenticate': challenge('Bearer', {
        realm,
        error: 'insufficient_scope',
        scope: scopes.join(' '),
      }),
    },
  })
}

/**
 * Whether a thrown value is a `StoreUnavailableError` (also from another copy of the library).
 *
 * @example
 * if (isStoreUnavailable(error)) throw authenticationUnavailable(error)
 */
export function isStoreUnavailable(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'StoreUnavailableError' || (error as { code?: unknown }).code === 'STORE_UNAVAILABLE')
  )
}

/**
 * The 503 sent when state that authentication needs cannot be read: fail closed, never "let in".
 *
 * @example
 * throw authenticationUnavailable(cause)
 */
export function authenticationUnavailable(cause?: unknown): ServiceUnavailable {
  return new ServiceUnavailable('Authentication is temporarily unavailable; try again shortly', {
    retryAfter: 2,
    cause,
    code: 'auth_store_unavailable',
  })
}

/**
 * Runs store work and turns a `StoreUnavailableError` into a 503 (fail closed); other errors pass.
 *
 * @example
 * const record = await failClosed(() => store.get(key))
 */
export async function failClosed<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isStoreUnavailable(error)) throw authenticationUnavailable(error)
    throw error
  }
}
