import { Unauthorized } from '../../errors/index.js'
import { randomToken } from '../crypto/random-token.js'
import { challenge } from '../errors.js'
import type { Jwt } from '../jwt/jwt.js'
import { JwtError } from '../jwt/jwt-errors.js'

/** What a refresh token names: its family and its own one-time secret. */
export interface RefreshTokenParts {
  readonly familyId: string
  readonly secret: string
}

/** Turns family and secret into a token string and back. */
export interface RefreshTokenCodec {
  encode(
    parts: RefreshTokenParts,
    subject: string,
    data: Readonly<Record<string, unknown>>,
    ttl: number,
  ): Promise<string>
  /** The parts of a presented token, or a 401 (RFC 6750 §3.1 `invalid_token`). */
  decode(token: string): Promise<RefreshTokenParts>
}

const ID = /^[A-Za-z0-9_-]{22,64}$/
const MAX_OPAQUE_LENGTH = 200

/** The 401 for a refresh token that is not (or no longer) valid. */
export function invalidRefreshToken(message = 'Invalid refresh token'): Unauthorized {
  return new Unauthorized(message, {
    challenge: challenge('Bearer', { error: 'invalid_token' }),
    code: 'invalid_token',
  })
}

/** A new random family id or token secret (128 bits). */
export function newId(): string {
  return randomToken(16)
}

/** Opaque tokens: `<familyId>.<secret>`, both random; all state lives server-side. */
export const opaqueCodec: RefreshTokenCodec = {
  encode: async ({ familyId, secret }) => `${familyId}.${secret}`,
  decode: async (token) => {
    if (typeof token !== 'string' || token.length > MAX_OPAQUE_LENGTH) throw invalidRefreshToken()
    const [familyId, secret, extra] = token.split('.')
    if (extra !== undefined || familyId === undefined || secret === undefined) throw invalidRefreshToken()
    if (!ID.test(familyId) || !ID.test(secret)) throw invalidRefreshToken()
    return { familyId, secret }
  },
}

/**
 * JWT refresh tokens (the guide's shape): claims `type: "refresh"`, the family as `fid` and the
 * one-time secret as `jti`, plus your own claims (`user_id`…). The signature keeps them from being
 * forged; the family record in the store decides whether they are still good.
 */
export function jwtCodec(jwt: Jwt): RefreshTokenCodec {
  return {
    encode: ({ familyId, secret }, subject, data, ttl) =>
      jwt.sign({ ...data, fid: familyId }, { type: 'refresh', expiresIn: ttl, jwtId: secret, subject }),
    decode: async (token) => {
      if (typeof token !== 'string') throw invalidRefreshToken()
      try {
        const claims = await jwt.verify(token, { type: 'refresh' })
        const { fid, jti } = claims
        if (typeof fid !== 'string' || typeof jti !== 'string' || !ID.test(fid) || !ID.test(jti)) {
          throw invalidRefreshToken()
        }
        return { familyId: fid, secret: jti }
      } catch (error) {
        if (error instanceof JwtError) {
          throw invalidRefreshToken(
            error.reason === 'expired' ? 'Refresh token expired' : 'Invalid refresh token',
          )
        }
        throw error
      }
    },
  }
}
