import { ConfigurationError } from '../../errors/index.js'
import { loadJose } from './jose.js'
import { toJwtError } from './jwt-error-mapping.js'
import { JwtError } from './jwt-errors.js'
import { buildKeyRing, type KeyRing } from './jwt-keys.js'
import type { JwtClaims, JwtOptions, SignOptions, VerifyOptions } from './jwt-types.js'

// Claims the signer sets itself; a caller's value for them is ignored rather than trusted. Except
// `sub`: only the caller knows the token's subject, so a `sub` claim becomes the subject (sign()).
const REGISTERED = new Set(['iss', 'aud', 'iat', 'exp', 'nbf', 'sub', 'jti', 'type'])

/**
 * Signs and verifies JWTs with jose, secure by default (RFC 8725, JWT best current practices):
 * an algorithm allow-list bound to the keys (`alg: none` and algorithm confusion are refused),
 * `exp` required, `exp`/`nbf`/`iat` checked with a small clock tolerance, `iss`/`aud`/`type` checked,
 * key rotation by `kid`, and remote JWK Sets for OAuth 2.0 resource servers.
 *
 * Verification checks the signature first; only a token that verified hears a specific reason
 * ("Token expired", "Invalid token type"), a forged one is just "Invalid token".
 *
 * @example
 * const jwt = createJwt({ secret: process.env.JWT_SECRET_KEY!, issuer: 'my-api' })
 * const token = await jwt.sign({ user_id: '1' }, { type: 'access', expiresIn: 3600 })
 * const claims = await jwt.verify(token, { type: 'access' }) // { user_id: '1', type: 'access', iss, iat, exp }
 */
export class Jwt {
  /** The `iss` this instance signs and requires. */
  readonly issuer: string | undefined
  /** The `aud` this instance signs and requires. */
  readonly audience: string | readonly string[] | undefined
  /** Tolerated clock skew in seconds. */
  readonly clockTolerance: number
  /** Longest token accepted, in characters. */
  readonly maxTokenLength: number
  readonly #keys: KeyRing

  constructor(options: JwtOptions) {
    this.#keys = buildKeyRing(options)
    this.issuer = options.issuer
    this.audience = options.audience
    this.clockTolerance = options.clockTolerance ?? 5
    this.maxTokenLength = options.maxTokenLength ?? 8192
    if (!(this.clockTolerance >= 0 && this.clockTolerance <= 300)) {
      throw new ConfigurationError('createJwt: clockTolerance is in seconds, from 0 to 300')
    }
  }

  /** Whether this instance can sign (it has a secret or a private key). */
  get canSign(): boolean {
    return this.#keys.signing !== undefined
  }

  /**
   * Signs `claims` with the first key, adding `iat`, `exp`, and `iss`/`aud`/`type`/`sub`/`jti`.
   * The subject is `options.subject`, else a string `sub` among the claims (RFC 7519 §4.1.2: a
   * StringOrURI); `iss`, `aud`, `iat`, `exp`, `nbf`, `jti` and `type` among the claims are ignored,
   * since this instance sets them.
   *
   * @example
   * await jwt.sign({ user_id: '1', role: 'admin' }, { type: 'access', expiresIn: 900 })
   * await jwt.sign({ sub: '1' }, { expiresIn: 900 }) // same as { subject: '1' }
   */
  async sign(claims: Readonly<Record<string, unknown>>, options: SignOptions): Promise<string> {
    const signing = this.#keys.signing
    if (signing === undefined) throw new ConfigurationError('Jwt.sign: this instance has no signing key')
    if (!(Number.isFinite(options.expiresIn) && options.expiresIn > 0)) {
      throw new RangeError('Jwt.sign: expiresIn must be a positive number of seconds')
    }
    const subject = options.subject ?? claims.sub
    if (subject !== undefined && typeof subject !== 'string') {
      throw new TypeError('Jwt.sign: the subject (sub) must be a string (RFC 7519 §4.1.2)')
    }
    const own: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(claims)) if (!REGISTERED.has(name)) own[name] = value
    if (options.type !== undefined) own.type = options.type
    const { SignJWT } = await loadJose()
    const now = Math.floor(Date.now() / 1000)
    const builder = new SignJWT(own)
      .setProtectedHeader({
        alg: signing.alg,
        typ: 'JWT',
        ...(signing.kid === undefined ? {} : { kid: signing.kid }),
      })
      .setIssuedAt(now)
      .setExpirationTime(now + Math.ceil(options.expiresIn))
    if (this.issuer !== undefined) builder.setIssuer(this.issuer)
    if (this.audience !== undefined) builder.setAudience(this.audience as string | string[])
    if (subject !== undefined) builder.setSubject(subject)
    if (options.jwtId !== undefined) builder.setJti(options.jwtId)
    return builder.sign(signing.key)
  }

  /**
   * Verifies a token and returns its claims, or throws a {@link JwtError} whose message a client
   * may see. Order: size, format, algorithm, signature, `exp`/`nbf` (with tolerance), `iat` not in
   * the future, `iss`, `aud`, `type`.
   *
   * @example
   * const claims = await jwt.verify(token, { type: 'refresh' })
   */
  async verify(token: string, options: VerifyOptions = {}): Promise<JwtClaims> {
    if (typeof token !== 'string' || token.length === 0) throw new JwtError('invalid')
    if (token.length > this.maxTokenLength) throw new JwtError('too_long')
    // Outside the try: a missing jose is an error to report, never an "invalid token".
    const jose = await loadJose()
    let payload: JwtClaims
    try {
      const result = await jose.jwtVerify(token, this.#keys.resolve, {
        algorithms: [...this.#keys.algorithms],
        clockTolerance: this.clockTolerance,
        requiredClaims: ['exp'],
        ...(options.typ === undefined ? {} : { typ: options.typ }),
      })
      payload = result.payload
    } catch (error) {
      throw toJwtError(error, jose.errors)
    }
    this.#checkClaims(payload, options)
    return payload
  }

  #checkClaims(payload: JwtClaims, options: VerifyOptions): void {
    const now = Math.floor(Date.now() / 1000)
    if (payload.iat !== undefined && payload.iat > now + this.clockTolerance) {
      throw new JwtError('invalid', { detail: 'Invalid token: issued in the future' })
    }
    if (this.issuer !== undefined && payload.iss !== this.issuer) throw new JwtError('wrong_issuer')
    if (this.audience !== undefined) {
      const wanted = typeof this.audience === 'string' ? [this.audience] : this.audience
      const given =
        typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : []
      if (!given.some((aud) => wanted.includes(aud))) throw new JwtError('wrong_audience')
    }
    if (options.type !== undefined && options.type !== false && payload.type !== options.type) {
      throw new JwtError('wrong_type')
    }
  }
}

/**
 * Creates a {@link Jwt} signer/verifier.
 *
 * @example
 * const jwt = createJwt({ secret: process.env.JWT_SECRET_KEY!, issuer: 'restmachine-example' })
 */
export function createJwt(options: JwtOptions): Jwt {
  return new Jwt(options)
}
