import { RedisStore } from 'restmachine/redis'
import { afterAll, describe, expect, it } from 'vitest'
import { createJwt, type RefreshTokens, refreshTokens } from '../../src/auth/index.js'
import { HttpError } from '../../src/errors/index.js'
import { MemoryStore, type TtlStore } from '../../src/stores/index.js'
import { deleteRedisKeys, describeWithRedis, uniqueRedisPrefix } from '../support/redis.js'

const jwt = createJwt({ secret: 'refresh-token-secret-of-32-bytes-or-more', issuer: 'test' })

async function status(promise: Promise<unknown>): Promise<number | 'ok'> {
  try {
    await promise
    return 'ok'
  } catch (error) {
    if (error instanceof HttpError) return error.status
    throw error
  }
}

/** The behaviour every store must give refresh tokens. */
function refreshTokenContract(name: string, openStore: () => TtlStore) {
  describe(`refresh tokens (${name})`, () => {
    const stores: TtlStore[] = []
    const make = (options: { jwt?: boolean; maxLifetime?: number } = {}): RefreshTokens => {
      const store = openStore()
      stores.push(store)
      return refreshTokens({
        store,
        jwt: options.jwt === false ? undefined : jwt,
        ttl: 600,
        maxLifetime: options.maxLifetime,
      })
    }
    afterAll(async () => {
      await Promise.all(stores.map((store) => store.close()))
    })

    it('rotates on every use: each token works once and hands out its successor', async () => {
      const refresh = make()
      const issued = await refresh.issue('7', { user_id: '7' })
      const next = await refresh.rotate(issued.token)
      expect(next).toMatchObject({
        subject: '7',
        data: { user_id: '7' },
        familyId: issued.familyId,
        expiresIn: 600,
      })
      expect(next.token).not.toBe(issued.token)
      expect(await status(refresh.rotate(issued.token))).toBe(401)
    })

    it('revokes the whole family, successor included, when a used token comes back (RFC 9700 §4.14.2)', async () => {
      const refresh = make()
      const first = await refresh.issue('7')
      const second = await refresh.rotate(first.token)
      expect(await status(refresh.rotate(first.token))).toBe(401)
      expect(await status(refresh.rotate(second.token))).toBe(401)
      expect(await refresh.isActive(first.familyId)).toBe(false)
    })

    it('lets exactly one of many concurrent uses of a token win, then revokes the family', async () => {
      const refresh = make()
      const issued = await refresh.issue('7')
      const results = await Promise.all(Array.from({ length: 8 }, () => status(refresh.rotate(issued.token))))
      expect(results.filter((r) => r === 'ok')).toHaveLength(1)
      expect(results.filter((r) => r === 401)).toHaveLength(7)
      expect(await refresh.isActive(issued.familyId)).toBe(false)
    })

    it('keeps families apart: reuse in one leaves another alone', async () => {
      const refresh = make()
      const a = await refresh.issue('1')
      const b = await refresh.issue('1')
      await refresh.rotate(a.token)
      await status(refresh.rotate(a.token))
      expect(await status(refresh.rotate(b.token))).toBe('ok')
    })

    it('revokes on logout, refuses someone else’s token with 403 and garbage with 400', async () => {
      const refresh = make()
      const mine = await refresh.issue('1')
      const theirs = await refresh.issue('2')
      expect(await status(refresh.revoke(theirs.token, { subject: '1' }))).toBe(403)
      expect(await refresh.revoke(mine.token, { subject: '1' })).toBe(true)
      expect(await refresh.revoke(mine.token, { subject: '1' })).toBe(false)
      expect(await status(refresh.rotate(mine.token))).toBe(401)
      expect(await status(refresh.revoke('garbage'))).toBe(400)
      expect(await status(refresh.rotate(theirs.token))).toBe('ok')
    })

    it('works with opaque tokens too, and refuses malformed ones with 401', async () => {
      const refresh = make({ jwt: false })
      const issued = await refresh.issue('7', { plan: 'pro' })
      expect(issued.token).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/)
      const next = await refresh.rotate(issued.token)
      expect(next.data).toEqual({ plan: 'pro' })
      for (const token of [
        '',
        'a.b',
        `${issued.familyId}.${'A'.repeat(22)}`,
        'x'.repeat(500),
        `${next.token}.x`,
      ]) {
        expect(await status(refresh.rotate(token))).toBe(401)
      }
    })

    it('refuses a refresh token signed for another purpose or by another key', async () => {
      const refresh = make()
      const access = await jwt.sign(
        { fid: 'A'.repeat(22) },
        { type: 'access', expiresIn: 60, jwtId: 'B'.repeat(22) },
      )
      expect(await status(refresh.rotate(access))).toBe(401)
      const stranger = createJwt({ secret: 'another-secret-another-secret-another!', issuer: 'test' })
      const forged = await stranger.sign(
        { fid: 'A'.repeat(22) },
        { type: 'refresh', expiresIn: 60, jwtId: 'B'.repeat(22) },
      )
      expect(await status(refresh.rotate(forged))).toBe(401)
    })

    it('ends a family at its maximum lifetime however often it rotates', async () => {
      const refresh = make({ maxLifetime: 1 })
      const issued = await refresh.issue('7')
      expect(issued.expiresIn).toBe(1)
      await new Promise((resolve) => setTimeout(resolve, 1100))
      expect(await status(refresh.rotate(issued.token))).toBe(401)
    })
  })
}

refreshTokenContract('MemoryStore', () => new MemoryStore())

describeWithRedis('refresh tokens in Redis', (url) => {
  const prefix = uniqueRedisPrefix('auth-refresh')
  afterAll(() => deleteRedisKeys(url, prefix))
  refreshTokenContract('RedisStore', () => new RedisStore({ url, prefix }))

  it('shares families between two servers: a token rotated on one is a reuse on the other', async () => {
    const a = refreshTokens({ store: new RedisStore({ url, prefix }), jwt })
    const b = refreshTokens({ store: new RedisStore({ url, prefix }), jwt })
    const issued = await a.issue('9')
    const rotated = await b.rotate(issued.token)
    expect(await status(a.rotate(issued.token))).toBe(401)
    expect(await status(b.rotate(rotated.token))).toBe(401)
  })
})

describe('refreshTokens configuration', () => {
  it('refuses a non-positive lifetime', () => {
    expect(() => refreshTokens({ store: new MemoryStore(), ttl: 0 })).toThrow(RangeError)
  })
})
