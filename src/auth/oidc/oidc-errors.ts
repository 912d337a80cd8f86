import { BadRequest, type HttpError, ServiceUnavailable } from '../../errors/index.js'

/**
 * What openid-client (and oauth4webapi under it) throws carries a stable `code`; these are the
 * ones a login callback can meet. Matched by code, not by class, so a second copy of the library
 * is read the same way.
 */
const AUTHORIZATION_RESPONSE_ERROR = 'OAUTH_AUTHORIZATION_RESPONSE_ERROR'
const RESPONSE_BODY_ERROR = 'OAUTH_RESPONSE_BODY_ERROR'
const TIMESTAMP_CHECK = 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED'
const CLAIM_COMPARISON = 'OAUTH_JWT_CLAIM_COMPARISON_FAILED'
const ID_TOKEN_REJECTED = new Set([
  'OAUTH_KEY_SELECTION_FAILED',
  'OAUTH_JWS_SIGNATURE_VERIFICATION_FAILED',
  'OAUTH_INVALID_RESPONSE',
  'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
  'OAUTH_UNSUPPORTED_OPERATION',
  'OAUTH_PARSE_ERROR',
])
const PROVIDER_UNREACHABLE = new Set([
  'OAUTH_RESPONSE_IS_NOT_CONFORM',
  'OAUTH_RESPONSE_IS_NOT_JSON',
  'OAUTH_MISSING_SERVER_METADATA',
  'OAUTH_INVALID_SERVER_METADATA',
  'OAUTH_TIMEOUT',
  'OAUTH_ABORT',
])
// An OAuth error code (RFC 6749 §4.1.2.1: %x20-21 / %x23-5B / %x5D-7E); ours are shorter.
const ERROR_CODE = /^[a-z_]{1,64}$/

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined
}

/** The 400 for a login that cannot be completed: no session is started. */
export function loginFailed(message: string, code: string, cause?: unknown): BadRequest {
  return new BadRequest(message, { code, cause })
}

/**
 * The 503 for a provider that cannot be reached or answers nonsense (discovery, token endpoint,
 * JWK Set): fail closed, and let the browser try again shortly.
 */
export function providerUnavailable(cause: unknown): ServiceUnavailable {
  return new ServiceUnavailable('The identity provider cannot be reached; try again shortly', {
    retryAfter: 5,
    cause,
    code: 'oidc_provider_unavailable',
  })
}

/**
 * Turns what openid-client threw during discovery or a callback into the answer: a 400 naming
 * what was wrong (never the library's own text), a 503 when the provider is out of reach, or the
 * error itself (a bug or a misconfiguration: logged, 500) when it is neither.
 *
 * @example
 * try { … } catch (error) { throw callbackError(error) }
 */
export function callbackError(error: unknown): HttpError | unknown {
  const code = field(error, 'code')
  if (code === AUTHORIZATION_RESPONSE_ERROR) {
    const reason = field(error, 'error')
    const named = typeof reason === 'string' && ERROR_CODE.test(reason) ? ` (${reason})` : ''
    return loginFailed(
      `The identity provider did not complete the login${named}`,
      'oidc_login_refused',
      error,
    )
  }
  if (code === RESPONSE_BODY_ERROR) {
    if (field(error, 'error') === 'invalid_grant') {
      return loginFailed(
        'The authorization code was refused (already used, expired, or not issued for this login)',
        'oidc_code_refused',
        error,
      )
    }
    return providerUnavailable(error)
  }
  if (code === TIMESTAMP_CHECK) return loginFailed('The ID token has expired', 'oidc_id_token_expired', error)
  if (code === CLAIM_COMPARISON) {
    // openid-client wraps oauth4webapi's error, whose cause names the claim.
    const cause = field(error, 'cause')
    const claim = field(cause, 'claim') ?? field(field(cause, 'cause'), 'claim')
    if (claim === 'nonce')
      return loginFailed('The ID token is not for this login (nonce)', 'oidc_nonce_mismatch', error)
    return loginFailed('The ID token is not valid for this application', 'oidc_id_token_invalid', error)
  }
  if (typeof code === 'string' && ID_TOKEN_REJECTED.has(code)) {
    return loginFailed('The ID token could not be validated', 'oidc_id_token_invalid', error)
  }
  if (typeof code === 'string' && PROVIDER_UNREACHABLE.has(code)) return providerUnavailable(error)
  if (isNetworkFailure(error)) return providerUnavailable(error)
  return error
}

/** `fetch` rejects with a TypeError when it cannot connect, and aborts with a timeout. */
export function isNetworkFailure(error: unknown): boolean {
  // openid-client's own TypeErrors (a bad argument: a bug here) carry a `code`; fetch's do not.
  if (error instanceof TypeError) return field(error, 'code') === undefined
  const name = field(error, 'name')
  return name === 'AbortError' || name === 'TimeoutError'
}
