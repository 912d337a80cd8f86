/**
 * Why a token was refused; `keys_unavailable` means the verifier could not get its keys (→ 503).
 *
 * @example
 * if (error instanceof JwtError && error.reason === 'expired') console.info('refresh the token')
 */
export type JwtFailure =
  | 'expired'
  | 'not_yet_valid'
  | 'invalid'
  | 'wrong_type'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'too_long'
  | 'keys_unavailable'

const MESSAGES: Record<JwtFailure, string> = {
  expired: 'Token expired',
  not_yet_valid: 'Token not yet valid',
  invalid: 'Invalid token',
  wrong_type: 'Invalid token type',
  wrong_issuer: 'Invalid token issuer',
  wrong_audience: 'Invalid token audience',
  too_long: 'Token too long',
  keys_unavailable: 'Token keys are temporarily unavailable',
}

/**
 * Thrown by `Jwt.verify` when a token is refused. `message` is safe to show a client: a forged
 * token is only ever "Invalid token" — claim-specific reasons (expired, wrong type…) are reported
 * only after the signature has been verified.
 *
 * @example
 * try { await jwt.verify(token) } catch (error) { if (error instanceof JwtError && error.reason === 'expired') … }
 */
export class JwtError extends Error {
  override readonly name = 'JwtError'
  readonly reason: JwtFailure
  constructor(reason: JwtFailure, options?: { cause?: unknown; detail?: string }) {
    super(options?.detail ?? MESSAGES[reason], { cause: options?.cause })
    this.reason = reason
  }
}

/** Marks a remote key set that could not be fetched (network, timeout, bad JSON) — not the token's fault. */
export class KeysUnavailable extends Error {
  override readonly name = 'KeysUnavailable'
}
