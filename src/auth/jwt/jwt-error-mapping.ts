// Kept apart from jwt-errors.ts, whose classes are public: this file names jose's types, and the
// published declarations must not need the optional peer `jose` to type-check.
import type { Jose } from './jose.js'
import { JwtError, KeysUnavailable } from './jwt-errors.js'

/** Maps whatever jose (or a key resolver) threw to a {@link JwtError}, given jose's error classes. */
export function toJwtError(error: unknown, errors: Jose['errors']): JwtError {
  if (error instanceof JwtError) return error
  if (error instanceof KeysUnavailable) return new JwtError('keys_unavailable', { cause: error.cause })
  if (error instanceof errors.JWTExpired) return new JwtError('expired', { cause: error })
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf' && error.reason === 'check_failed') {
      return new JwtError('not_yet_valid', { cause: error })
    }
    if (error.reason === 'missing') {
      return new JwtError('invalid', { cause: error, detail: `Invalid token: missing ${error.claim} claim` })
    }
  }
  return new JwtError('invalid', { cause: error })
}
