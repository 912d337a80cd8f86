import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { createJwt, JwtError } from '../../src/auth/index.js'
import { ConfigurationError } from '../../src/errors/index.js'
import { defined } from '../support/defined.js'

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!!'
const key = new TextEncoder().encode(SECRET)
const now = () => Math.floor(Date.now() / 1000)

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof JwtError) return `${error.reason}: ${error.message}`
    throw error
  }
  return 'accepted'
}

describe('createJwt with a shared secret (HS256)', () => {
  const jwt = createJwt({ secret: SECRET, issuer: 'issuer-a', clockTolerance: 5 })

  it('signs iat, exp, iss, type and your claims, and verifies them back', async () => {
    const token = await jwt.sign(
      { user_id: '1', exp: 1, iss: 'spoofed' },
      { type: 'access', expiresIn: 600, subject: 's' },
    )
    const claims = await jwt.verify(token, { type: 'access' })
    expect(claims).toMatchObject({ user_id: '1', type: 'access', iss: 'issuer-a', sub: 's' })
    expect((claims.exp as number) - (claims.iat as number)).toBe(600)
  })

  it('takes the subject from a sub claim, lets the subject option win, and refuses a subject that is not a string', async () => {
    const fromClaim = await jwt.verify(await jwt.sign({ sub: 'user-7', role: 'admin' }, { expiresIn: 60 }))
    expect(fromClaim).toMatchObject({ sub: 'user-7', role: 'admin' })
    const fromOption = await jwt.verify(
      await jwt.sign({ sub: 'ignored' }, { expiresIn: 60, subject: 'user-8' }),
    )
    expect(fromOption.sub).toBe('user-8')
    await expect(jwt.sign({ sub: 7 }, { expiresIn: 60 })).rejects.toThrow(/subject \(sub\) must be a string/)
  })

  it('refuses alg none, other algorithms and a wrong signature as just "Invalid token"', async () => {
    const none = new UnsecuredJWT({ iss: 'issuer-a' }).setExpirationTime('1h').encode()
    const hs512 = await new SignJWT({ iss: 'issuer-a' })
      .setProtectedHeader({ alg: 'HS512' })
      .setExpirationTime('1h')
      .sign(key)
    const other = await new SignJWT({ iss: 'issuer-a' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-of-thirty-two-bytes!!!'))
    for (const token of [none, hs512, other, 'a.b.c', 'garbage', '']) {
      expect(await reason(jwt.verify(token))).toBe('invalid: Invalid token')
    }
  })

  it('checks the signature before any claim: an expired forgery is "Invalid token", not "Token expired"', async () => {
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(now() - 100)
      .sign(new TextEncoder().encode('another-secret-of-thirty-two-bytes!!!'))
    expect(await reason(jwt.verify(forged))).toBe('invalid: Invalid token')
  })

  it('applies the clock tolerance to exp and nbf', async () => {
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT({ iss: 'issuer-a', ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(key)
    expect(await reason(jwt.verify(await sign({ exp: now() - 3 })))).toBe('accepted')
    expect(await reason(jwt.verify(await sign({ exp: now() - 30 })))).toBe('expired: Token expired')
    expect(await reason(jwt.verify(await sign({ exp: now() + 60, nbf: now() + 3 })))).toBe('accepted')
    expect(await reason(jwt.verify(await sign({ exp: now() + 60, nbf: now() + 60 })))).toBe(
      'not_yet_valid: Token not yet valid',
    )
    expect(await reason(jwt.verify(await sign({ exp: now() + 60, iat: now() + 60 })))).toBe(
      'invalid: Invalid token: issued in the future',
    )
    const strict = createJwt({ secret: SECRET, issuer: 'issuer-a', clockTolerance: 0 })
    expect(await reason(strict.verify(await sign({ exp: now() - 3 })))).toBe('expired: Token expired')
  })

  it('requires exp, the issuer, the audience and the type asked for', async () => {
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(key)
    const exp = now() + 60
    expect(await reason(jwt.verify(await sign({ iss: 'issuer-a' })))).toBe(
      'invalid: Invalid token: missing exp claim',
    )
    expect(await reason(jwt.verify(await sign({ exp, iss: 'issuer-b' })))).toBe(
      'wrong_issuer: Invalid token issuer',
    )
    expect(await reason(jwt.verify(await sign({ exp })))).toBe('wrong_issuer: Invalid token issuer')
    expect(
      await reason(jwt.verify(await sign({ exp, iss: 'issuer-a', type: 'refresh' }), { type: 'access' })),
    ).toBe('wrong_type: Invalid token type')
    const audience = createJwt({ secret: SECRET, audience: ['api-1', 'api-2'] })
    expect(await reason(audience.verify(await sign({ exp, aud: 'api-2' })))).toBe('accepted')
    expect(await reason(audience.verify(await sign({ exp, aud: ['x', 'api-1'] })))).toBe('accepted')
    expect(await reason(audience.verify(await sign({ exp, aud: 'api-3' })))).toBe(
      'wrong_audience: Invalid token audience',
    )
    expect(await reason(audience.verify(await sign({ exp })))).toBe('wrong_audience: Invalid token audience')
  })

  it('checks the typ header when asked (RFC 8725 §3.11)', async () => {
    const token = await new SignJWT({ iss: 'issuer-a' })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setExpirationTime('1h')
      .sign(key)
    expect(await reason(jwt.verify(token, { typ: 'at+jwt' }))).toBe('accepted')
    expect(await reason(jwt.verify(await jwt.sign({}, { expiresIn: 60 }), { typ: 'at+jwt' }))).toBe(
      'invalid: Invalid token',
    )
  })

  it('refuses oversized tokens before parsing them', async () => {
    expect(await reason(jwt.verify('a'.repeat(9000)))).toBe('too_long: Token too long')
  })
})

describe('createJwt configuration', () => {
  it('refuses secrets shorter than RFC 7518 §3.2 asks, unless told it is a test', () => {
    expect(() => createJwt({ secret: 'short' })).toThrow(/RFC 7518 §3\.2/)
    expect(() => createJwt({ secret: 'x'.repeat(40), algorithm: 'HS512' })).toThrow(ConfigurationError)
    expect(() => createJwt({ secret: 'short', allowWeakSecret: true })).not.toThrow()
    expect(() => createJwt({ secret: '', allowWeakSecret: true })).toThrow(/empty/)
  })

  it('needs exactly one key source, sane tolerance and positive lifetimes', async () => {
    expect(() => createJwt({})).toThrow(ConfigurationError)
    expect(() => createJwt({ secret: SECRET, jwksUrl: 'https://x.example/jwks' })).toThrow(ConfigurationError)
    expect(() => createJwt({ secret: SECRET, clockTolerance: -1 })).toThrow(ConfigurationError)
    expect(() => createJwt({ jwksUrl: 'https://x.example/jwks', algorithms: ['HS256'] })).toThrow(
      ConfigurationError,
    )
    await expect(createJwt({ secret: SECRET }).sign({}, { expiresIn: 0 })).rejects.toThrow(RangeError)
    await expect(createJwt({ jwksUrl: 'https://x.example/jwks' }).sign({}, { expiresIn: 1 })).rejects.toThrow(
      ConfigurationError,
    )
  })
})

describe('createJwt with asymmetric keys and rotation by kid', () => {
  it('signs and verifies ES256, RS256 and EdDSA with CryptoKeys or JWKs', async () => {
    for (const alg of ['ES256', 'RS256', 'EdDSA'] as const) {
      const pair = await generateKeyPair(alg, { extractable: true })
      const jwt = createJwt({
        keys: [{ alg, privateKey: pair.privateKey, publicKey: await exportJWK(pair.publicKey) }],
      })
      const token = await jwt.sign({ n: 1 }, { expiresIn: 60 })
      expect((await jwt.verify(token)).n).toBe(1)
    }
  })

  it('refuses algorithm confusion: an HS256 token MACed with the public key bytes', async () => {
    const pair = await generateKeyPair('RS256', { extractable: true })
    const jwt = createJwt({ keys: [{ alg: 'RS256', publicKey: pair.publicKey }] })
    const jwk = await exportJWK(pair.publicKey)
    const confused = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(JSON.stringify(jwk)))
    expect(await reason(jwt.verify(confused))).toBe('invalid: Invalid token')
  })

  it('signs with the first key, verifies every listed key by kid, and refuses unknown kids and mismatched algs', async () => {
    const old = { kid: '2024', alg: 'HS256' as const, secret: 'x'.repeat(32) }
    const current = { kid: '2025', alg: 'HS256' as const, secret: 'y'.repeat(32) }
    const before = createJwt({ keys: [old] })
    const after = createJwt({ keys: [current, old] })
    const oldToken = await before.sign({ v: 'old' }, { expiresIn: 60 })
    const newToken = await after.sign({ v: 'new' }, { expiresIn: 60 })
    expect(
      JSON.parse(Buffer.from(defined(newToken.split('.')[0], 'a JOSE header'), 'base64url').toString()).kid,
    ).toBe('2025')
    expect((await after.verify(oldToken)).v).toBe('old')
    expect((await after.verify(newToken)).v).toBe('new')
    expect(await reason(before.verify(newToken))).toBe('invalid: Invalid token')
    const unknownKid = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: '2023' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(old.secret))
    expect(await reason(after.verify(unknownKid))).toBe('invalid: Invalid token')
    const noKid = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(old.secret))
    expect(await reason(after.verify(noKid))).toBe('invalid: Invalid token')
    expect(() => createJwt({ keys: [old, { alg: 'HS256', secret: 'z'.repeat(32) }] })).toThrow(/kid/)
  })

  it('refuses an empty key ring at configuration time', () => {
    expect(() => createJwt({ keys: [] })).toThrow(new ConfigurationError('createJwt: `keys` is empty'))
  })
})
