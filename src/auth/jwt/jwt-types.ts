/**
 * The JWS algorithms RestMachine signs and verifies with (RFC 7518 §3, RFC 8037). `none` is never one.
 *
 * @example
 * const algorithms: JwtAlgorithm[] = ['ES256', 'EdDSA']
 */
export type JwtAlgorithm =
  | 'HS256'
  | 'HS384'
  | 'HS512'
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'EdDSA'
  | 'Ed25519'

/**
 * A verified JWT claims set (RFC 7519 §4): registered claims plus your own, unknown until checked.
 *
 * @example
 * const claims: JwtClaims = await jwt.verify(token)
 */
export interface JwtClaims {
  /** Issuer (RFC 7519 §4.1.1). */
  iss?: string
  /** Subject (§4.1.2). */
  sub?: string
  /** Audience (§4.1.3). */
  aud?: string | string[]
  /** Expiration time, seconds since the epoch (§4.1.4). */
  exp?: number
  /** Not before, seconds since the epoch (§4.1.5). */
  nbf?: number
  /** Issued at, seconds since the epoch (§4.1.6). */
  iat?: number
  /** JWT ID (§4.1.7). */
  jti?: string
  /** Any other claim, unknown until checked. */
  [claim: string]: unknown
}

/**
 * One signing or verification key. Each key is bound to exactly one algorithm, so a token can never
 * pick how it is checked (no algorithm confusion, RFC 8725 §2.1, §3.1).
 *
 * @example
 * const key: JwtKey = { kid: '2025-01', alg: 'ES256', privateKey, publicKey }
 */
export interface JwtKey {
  /** Key id, sent in the token header; needed to pick a key when there are several (rotation). */
  readonly kid?: string
  /** The one algorithm this key is used with. */
  readonly alg: JwtAlgorithm
  /** The shared secret for HS256/384/512 (strings are taken as UTF-8 bytes). */
  readonly secret?: string | Uint8Array
  /** The private key (CryptoKey or private JWK) for signing with RS/PS/ES/EdDSA. */
  readonly privateKey?: CryptoKey | JsonWebKey
  /** The public key (CryptoKey or public JWK) for verifying RS/PS/ES/EdDSA. */
  readonly publicKey?: CryptoKey | JsonWebKey
}

/**
 * Settings of {@link createJwt}. Give exactly one key source: `secret`, `keys` or `jwksUrl`.
 *
 * @example
 * const options: JwtOptions = { secret: process.env.JWT_SECRET_KEY, issuer: 'my-api', clockTolerance: 5 }
 */
export interface JwtOptions {
  /** A shared HMAC secret (UTF-8 string or bytes); at least as long as the hash (RFC 7518 §3.2). */
  readonly secret?: string | Uint8Array
  /** The algorithm for `secret` (default `HS256`). */
  readonly algorithm?: 'HS256' | 'HS384' | 'HS512'
  /** Keys for rotation: the first one signs; verification picks by the header's `kid`. */
  readonly keys?: readonly JwtKey[]
  /** A remote JWK Set (OAuth 2.0 resource servers): verification only, cached by jose. */
  readonly jwksUrl?: string | URL
  /** The allow-list for `jwksUrl` (default RS256, PS256, ES256, EdDSA); never symmetric algorithms. */
  readonly algorithms?: readonly JwtAlgorithm[]
  /** `iss` put in signed tokens and required when verifying (RFC 7519 §4.1.1). */
  readonly issuer?: string
  /** `aud` put in signed tokens and required when verifying (one match suffices, RFC 7519 §4.1.3). */
  readonly audience?: string | readonly string[]
  /** Seconds of clock skew tolerated for `exp`, `nbf` and `iat` (default 5). */
  readonly clockTolerance?: number
  /** Longest token accepted, in characters (default 8192). */
  readonly maxTokenLength?: number
  /** Accept HMAC secrets shorter than RFC 7518 §3.2 demands. Tests and demos only. */
  readonly allowWeakSecret?: boolean
  /** Remote key set caching: `maxAge` (default 10 min), `cooldown` (30 s), `timeout` (2 s), in ms. */
  readonly jwksCache?: { readonly maxAge?: number; readonly cooldown?: number; readonly timeout?: number }
}

/**
 * Options of one {@link Jwt.sign} call.
 *
 * @example
 * await jwt.sign({ user_id: '1' }, { type: 'access', expiresIn: 900, subject: '1' })
 */
export interface SignOptions {
  /** Lifetime in seconds: `exp = iat + expiresIn`. Required: a token that never expires is a liability. */
  readonly expiresIn: number
  /** The `type` claim (`'access'`, `'refresh'`…), checked by `verify({ type })`. */
  readonly type?: string
  /** The `sub` claim. */
  readonly subject?: string
  /** The `jti` claim (RFC 7519 §4.1.7). */
  readonly jwtId?: string
}

/**
 * Options of one {@link Jwt.verify} call.
 *
 * @example
 * await jwt.verify(token, { type: 'access', typ: 'at+jwt' })
 */
export interface VerifyOptions {
  /** The `type` claim the token must carry (`false`: any, the default for `verify`). */
  readonly type?: string | false
  /** The `typ` header the token must carry (RFC 8725 §3.11 explicit typing), e.g. `at+jwt`. */
  readonly typ?: string
}
