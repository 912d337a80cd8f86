import { describe, expect, it } from 'vitest'
import { passwordHasher } from '../../src/auth/index.js'
import { defined } from '../support/defined.js'

const LOW = { memoryCost: 1024, timeCost: 1 }

describe('passwordHasher (argon2id)', () => {
  const passwords = passwordHasher(LOW)

  it('hashes into argon2id PHC strings with a fresh salt each time, and verifies them', async () => {
    const [a, b] = await Promise.all([passwords.hash('secret'), passwords.hash('secret')])
    expect(a).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/)
    expect(a).not.toBe(b)
    expect(await passwords.verify(a, 'secret')).toBe(true)
    expect(await passwords.verify(a, 'Secret')).toBe(false)
  })

  it('answers false, never throws, for malformed hashes and odd inputs', async () => {
    const hash = await passwords.hash('secret')
    expect(await passwords.verify('hashed_password', 'secret')).toBe(false)
    expect(await passwords.verify('', 'secret')).toBe(false)
    expect(await passwords.verify(hash, 'x'.repeat(5000))).toBe(false)
    expect(await passwords.verify(hash, 42 as unknown as string)).toBe(false)
    expect(await passwords.verify(null as unknown as string, 'secret')).toBe(false)
  })

  it('refuses to hash empty or oversized passwords', async () => {
    await expect(passwords.hash('')).rejects.toThrow(RangeError)
    await expect(passwords.hash('x'.repeat(1025))).rejects.toThrow(RangeError)
  })

  it('verifies a dummy hash for unknown users, so both failures cost about the same', async () => {
    const hasher = passwordHasher({ memoryCost: 8192, timeCost: 2 })
    const stored = await hasher.hash('secret')
    await hasher.verifyOrDummy(undefined, 'warm-up')
    const time = async (hash: string | undefined) => {
      const started = performance.now()
      expect(await hasher.verifyOrDummy(hash, 'wrong')).toBe(false)
      return performance.now() - started
    }
    const known: number[] = []
    const unknown: number[] = []
    for (let i = 0; i < 7; i++) {
      known.push(await time(stored))
      unknown.push(await time(undefined))
    }
    const median = (values: number[]) => defined(values.sort((x, y) => x - y)[3], 'the median of 7')
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5)
    expect(median(unknown)).toBeLessThan(median(known) * 2)
    expect(await hasher.verifyOrDummy(stored, 'secret')).toBe(true)
  })

  it('tells when a hash was made with other costs and should be redone at next login', async () => {
    const old = await passwordHasher({ memoryCost: 1024, timeCost: 1 }).hash('secret')
    expect(passwords.needsRehash(old)).toBe(false)
    expect(passwordHasher().needsRehash(old)).toBe(true)
    expect(passwords.needsRehash('$2b$10$bcrypt-hash')).toBe(true)
  })
})
