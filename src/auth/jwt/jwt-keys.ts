import { ConfigurationError } from '../../errors/index.js'
import { type Jose, loadJose } from './jose.js'
import { KeysUnavailable } from './jwt-errors.js'
import type { JwtAlgorithm, JwtKey, JwtOptions } from './jwt-types.js'

type KeyMaterial = CryptoKey | JsonWebKey | Uint8Array

/** The protected header fields the key ring reads (RFC 7515 §4.1). */
interface JwsHeader {
  readonly alg?: string
  readonly kid?: string
}

/** How a {@link Jwt} signs and finds verification keys. */
export interface KeyRing {
  /** The key new tokens are signed with, or `undefined` for a verify-only (remote) ring. */
  readonly signing:
    | { readonly kid?: string; readonly alg: JwtAlgorithm; readonly key: KeyMaterial }
    | undefined
  /** Every algorithm a token may use (RFC 8725 §3.1: an explicit allow-list, never the token's say). */
  readonly algorithms: readonly JwtAlgorithm[]
  /** Finds the key for a token's header, checking the header's `alg` is that key's algorithm. */
  readonly resolve: (header: JwsHeader, token: unknown) => Promise<KeyMaterial>
}

const HMAC_MIN_BYTES: Record<string, number> = { HS256: 32, HS384: 48, HS512: 64 }
const ASYMMETRIC_DEFAULTS: readonly JwtAlgorithm[] = ['RS256', 'PS256', 'ES256', 'EdDSA', 'Ed25519']
const encoder = new TextEncoder()

/** Builds the key ring for `options`; configuration mistakes throw here, at start-up. */
export function buildKeyRing(options: JwtOptions): KeyRing {
  const sources = [options.secret, options.keys, options.jwksUrl].filter((s) => s !== undefined)
  if (sources.length !== 1) {
    throw new ConfigurationError('createJwt: give exactly one of `secret`, `keys` or `jwksUrl`')
  }
  if (options.jwksUrl !== undefined) return remoteRing(options)
  const keys: JwtKey[] =
    options.keys !== undefined
      ? [...options.keys]
      : [{ alg: options.algorithm ?? 'HS256', secret: options.secret }]
  return localRing(keys, options.allowWeakSecret === true)
}

function localRing(keys: JwtKey[], allowWeakSecret: boolean): KeyRing {
  if (keys.length > 1 && keys.some((k) => k.kid === undefined)) {
    throw new ConfigurationError('createJwt: with several keys, every key needs a `kid`')
  }
  const entries = keys.map((key) => ({ key, material: materialOf(key, allowWeakSecret) }))
  const first = entries[0]
  if (first === undefined) throw new ConfigurationError('createJwt: `keys` is empty')
  const signingKey = first.key.secret !== undefined ? first.material.verify : first.material.sign
  return {
    signing:
      signingKey === undefined ? undefined : { kid: first.key.kid, alg: first.key.alg, key: signingKey },
    algorithms: [...new Set(keys.map((k) => k.alg))],
    resolve: async (header) => {
      const entry =
        header.kid === undefined
          ? entries.length === 1
            ? first
            : undefined
          : entries.find((e) => e.key.kid === header.kid)
      // The token's `alg` must be the algorithm bound to the key it names: no confusion attacks.
      if (entry === undefined || entry.key.alg !== header.alg || entry.material.verify === undefined) {
        throw new (await loadJose()).errors.JWKSNoMatchingKey()
      }
      return entry.material.verify
    },
  }
}

function materialOf(key: JwtKey, allowWeakSecret: boolean): { sign?: KeyMaterial; verify?: KeyMaterial } {
  const isHmac = key.alg.startsWith('HS')
  if (isHmac) {
    if (key.secret === undefined || key.privateKey !== undefined || key.publicKey !== undefined) {
      throw new ConfigurationError(`createJwt: ${key.alg} needs a \`secret\` and no public or private key`)
    }
    const bytes = typeof key.secret === 'string' ? encoder.encode(key.secret) : key.secret
    const minimum = HMAC_MIN_BYTES[key.alg] ?? 32
    if (bytes.length === 0) throw new ConfigurationError('createJwt: the JWT secret is empty')
    if (bytes.length < minimum && !allowWeakSecret) {
      throw new ConfigurationError(
        `createJwt: the ${key.alg} secret is ${bytes.length} bytes; RFC 7518 §3.2 requires at least ${minimum}. ` +
          'Use a longer random secret (e.g. `openssl rand -base64 48`), or set allowWeakSecret: true in tests only',
      )
    }
    return { sign: bytes, verify: bytes }
  }
  if (key.secret !== undefined) throw new ConfigurationError(`createJwt: ${key.alg} takes keys, not a secret`)
  if (key.privateKey === undefined && key.publicKey === undefined) {
    throw new ConfigurationError(
      `createJwt: ${key.alg} needs a publicKey (to verify) and/or a privateKey (to sign)`,
    )
  }
  return { sign: key.privateKey, verify: key.publicKey }
}

function remoteRing(options: JwtOptions): KeyRing {
  const algorithms = options.algorithms ?? ASYMMETRIC_DEFAULTS
  if (algorithms.length === 0 || algorithms.some((alg) => alg.startsWith('HS'))) {
    throw new ConfigurationError(
      'createJwt: a remote JWK Set is for asymmetric algorithms only; list them in `algorithms`',
    )
  }
  const cache = options.jwksCache ?? {}
  const url = new URL(options.jwksUrl as string | URL)
  // Made on the first verification, once jose (an optional peer) is loaded; it caches the keys.
  let remote: ReturnType<Jose['createRemoteJWKSet']> | undefined
  return {
    signing: undefined,
    algorithms,
    resolve: async (header, token) => {
      const { errors, createRemoteJWKSet } = await loadJose()
      remote ??= createRemoteJWKSet(url, {
        cacheMaxAge: cache.maxAge ?? 600_000,
        cooldownDuration: cache.cooldown ?? 30_000,
        timeoutDuration: cache.timeout ?? 2_000,
      })
      try {
        return await remote(header as never, token as never) // jose's own header object, passed through
      } catch (error) {
        if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
          throw error
        if (error instanceof errors.JOSENotSupported) throw error
        // The key set could not be fetched or parsed: the issuer's problem, not the token's → 503.
        throw new KeysUnavailable('The JSON Web Key Set could not be fetched', { cause: error })
      }
    },
  }
}
