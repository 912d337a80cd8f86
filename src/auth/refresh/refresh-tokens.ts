import { BadRequest, Forbidden } from '../../errors/index.js'
import type { TtlStore } from '../../stores/index.js'
import { constantTimeEqual } from '../crypto/constant-time.js'
import { sha256Base64Url } from '../crypto/random-token.js'
import { failClosed } from '../errors.js'
import type { Jwt } from '../jwt/jwt.js'
import {
  invalidRefreshToken,
  jwtCodec,
  newId,
  opaqueCodec,
  type RefreshTokenCodec,
  type RefreshTokenParts,
} from './refresh-token-codec.js'

/**
 * Settings of {@link refreshTokens}.
 *
 * @example
 * refreshTokens({ store: new RedisStore({ url }), jwt, ttl: 30 * 86_400, maxLifetime: 90 * 86_400 })
 */
export interface RefreshTokensOptions {
  /** Where token families live: `MemoryStore` for one server, `RedisStore` for several. */
  store: TtlStore
  /** Sign refresh tokens as JWTs (`type: "refresh"`) with this; opaque random strings without it. */
  jwt?: Jwt
  /** Seconds a refresh token stays usable; each rotation starts a new period (default 30 days). */
  ttl?: number
  /** Seconds a family may live in total, however often it rotates (default: no cap). */
  maxLifetime?: number
  /** Key prefix in the store (default `rt:`). */
  prefix?: string
}

/**
 * A refresh token just issued.
 *
 * @example
 * const { token, familyId, expiresIn }: IssuedRefreshToken = await refresh.issue(user.id)
 */
export interface IssuedRefreshToken {
  /** The token to hand to the client. */
  readonly token: string
  /** The family it belongs to (put it in access tokens as `sid` to revoke them with the family). */
  readonly familyId: string
  /** Seconds until it expires. */
  readonly expiresIn: number
}

/**
 * The result of a rotation: the successor token and whom the family belongs to.
 *
 * @example
 * const { token, subject }: RotatedRefreshToken<{}> = await refresh.rotate(presented)
 */
export interface RotatedRefreshToken<D> extends IssuedRefreshToken {
  readonly subject: string
  readonly data: D
}

interface FamilyRecord<D> {
  readonly current: string
  readonly subject: string
  readonly data: D
  readonly expiresAt: number | null
}

/**
 * Refresh tokens stored server-side as token families, rotated on every use, with reuse detection
 * (OAuth 2.0 Security BCP, RFC 9700 §4.14.2): a family record holds the digest of the one current
 * token; `rotate` swaps it for a new one with `compareAndSet`, so of two uses of the same token only
 * one can win, even across servers sharing Redis. Presenting a token that is no longer current means
 * it leaked (or the client replayed it): the whole family is revoked, successor included.
 *
 * @example
 * const refresh = refreshTokens({ store: new MemoryStore(), jwt, ttl: 30 * 86400 })
 * const { token } = await refresh.issue('1', { user_id: '1' })
 * const next = await refresh.rotate(token) // next.token replaces token; using token again revokes both
 */
export class RefreshTokens<D extends Readonly<Record<string, unknown>> = Readonly<Record<string, unknown>>> {
  readonly #store: TtlStore
  readonly #codec: RefreshTokenCodec
  readonly #ttl: number
  readonly #maxLifetime: number | undefined
  readonly #prefix: string

  constructor(options: RefreshTokensOptions) {
    this.#store = options.store
    this.#codec = options.jwt === undefined ? opaqueCodec : jwtCodec(options.jwt)
    this.#ttl = options.ttl ?? 30 * 86_400
    this.#maxLifetime = options.maxLifetime
    this.#prefix = options.prefix ?? 'rt:'
    if (!(this.#ttl > 0)) throw new RangeError('refreshTokens: ttl must be a positive number of seconds')
  }

  /**
   * Starts a new family for `subject` (a user id) and returns its first token.
   *
   * @example
   * const { token, familyId } = await refresh.issue(user.id, { user_id: user.id })
   */
  async issue(subject: string, data: D = {} as D): Promise<IssuedRefreshToken> {
    const familyId = newId()
    const expiresAt = this.#maxLifetime === undefined ? null : Date.now() + this.#maxLifetime * 1000
    return this.#write({ familyId, secret: newId() }, { subject, data, expiresAt }, undefined)
  }

  /**
   * Exchanges a refresh token for its successor. A token that is unknown, expired, revoked or
   * already used → 401; an already-used one also revokes its family. Store down → 503.
   *
   * @example
   * const { token, subject } = await refresh.rotate(presented)
   */
  async rotate(token: string): Promise<RotatedRefreshToken<D>> {
    const parts = await this.#codec.decode(token)
    const key = this.#prefix + parts.familyId
    const raw = await failClosed(() => this.#store.get(key))
    const record = raw === null ? undefined : parseRecord<D>(raw)
    if (raw === null || record === undefined) throw invalidRefreshToken('Refresh token revoked or expired')
    if (!(await constantTimeEqual(record.current, await sha256Base64Url(parts.secret)))) {
      await this.#revokeKey(key)
      throw invalidRefreshToken('Refresh token reuse detected; the token family was revoked')
    }
    const issued = await this.#write({ familyId: parts.familyId, secret: newId() }, record, raw)
    return { ...issued, subject: record.subject, data: record.data }
  }

  /**
   * Revokes the family of a token (logout). With `subject`, a token of someone else's family is
   * refused with 403. A malformed or forged token → 400; an already revoked one → `false`.
   *
   * @example
   * await refresh.revoke(body.refresh_token, { subject: currentUser.id })
   */
  async revoke(token: string, options: { subject?: string } = {}): Promise<boolean> {
    let parts: RefreshTokenParts
    try {
      parts = await this.#codec.decode(token)
    } catch {
      throw new BadRequest('Invalid refresh token', { code: 'invalid_refresh_token' })
    }
    const key = this.#prefix + parts.familyId
    const raw = await failClosed(() => this.#store.get(key))
    if (raw === null) return false
    const record = parseRecord<D>(raw)
    if (options.subject !== undefined && record !== undefined && record.subject !== options.subject) {
      throw new Forbidden('This refresh token belongs to another user')
    }
    return this.#revokeKey(key)
  }

  /** Revokes a whole family by id. @example await refresh.revokeFamily(claims.sid) */
  revokeFamily(familyId: string): Promise<boolean> {
    return this.#revokeKey(this.#prefix + familyId)
  }

  /** Whether a family is still alive (to revoke access tokens with it). @example await refresh.isActive(claims.sid) */
  async isActive(familyId: string): Promise<boolean> {
    return (await failClosed(() => this.#store.get(this.#prefix + familyId))) !== null
  }

  #revokeKey(key: string): Promise<boolean> {
    return failClosed(() => this.#store.delete(key))
  }

  async #write(
    parts: RefreshTokenParts,
    family: Omit<FamilyRecord<D>, 'current'>,
    previous: string | undefined,
  ): Promise<IssuedRefreshToken> {
    const remainingMs = family.expiresAt === null ? Number.POSITIVE_INFINITY : family.expiresAt - Date.now()
    if (remainingMs <= 0) throw invalidRefreshToken('Refresh token expired')
    // The store's TTL is exact; the token's own `exp` is in whole seconds (at least one).
    const ttlMs = Math.min(this.#ttl * 1000, remainingMs)
    const expiresIn = Math.max(1, Math.floor(ttlMs / 1000))
    const record: FamilyRecord<D> = { ...family, current: await sha256Base64Url(parts.secret) }
    const next = JSON.stringify(record)
    const key = this.#prefix + parts.familyId
    const token = await this.#codec.encode(parts, family.subject, family.data, expiresIn)
    if (previous === undefined) {
      await failClosed(() => this.#store.set(key, next, ttlMs))
    } else if (!(await failClosed(() => this.#store.compareAndSet(key, previous, next, ttlMs)))) {
      // Another request rotated the same token first: the token was used twice → revoke the family.
      await this.#revokeKey(key)
      throw invalidRefreshToken('Refresh token reuse detected; the token family was revoked')
    }
    return { token, familyId: parts.familyId, expiresIn }
  }
}

function parseRecord<D>(raw: string): FamilyRecord<D> | undefined {
  try {
    const value = JSON.parse(raw) as Partial<FamilyRecord<D>> | null
    if (typeof value?.current !== 'string' || typeof value.subject !== 'string') return undefined
    return value as FamilyRecord<D>
  } catch {
    return undefined
  }
}

/**
 * Creates a {@link RefreshTokens} manager.
 *
 * @example
 * const refresh = refreshTokens({ store, jwt, ttl: Number(process.env.REFRESH_TOKEN_TTL ?? 2_592_000) })
 */
export function refreshTokens<
  D extends Readonly<Record<string, unknown>> = Readonly<Record<string, unknown>>,
>(options: RefreshTokensOptions): RefreshTokens<D> {
  return new RefreshTokens<D>(options)
}
