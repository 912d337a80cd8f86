import { describe, expect, it } from 'vitest'
import {
  constantTimeEqual,
  digestsEqual,
  isRandomToken,
  randomToken,
  secretLookup,
  sha256Base64Url,
  toBase64Url,
} from '../../src/auth/index.js'

describe('constantTimeEqual', () => {
  it('is true for equal secrets and false for different ones of any length', async () => {
    expect(await constantTimeEqual('key_12345', 'key_12345')).toBe(true)
    expect(await constantTimeEqual('key_12345', 'key_12346')).toBe(false)
    expect(await constantTimeEqual('key_12345', 'key_1234')).toBe(false)
    expect(await constantTimeEqual('', 'x')).toBe(false)
    expect(await constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true)
  })

  it('compares digests of different lengths as unequal without throwing', () => {
    expect(digestsEqual(new Uint8Array(32), new Uint8Array(31))).toBe(false)
    expect(digestsEqual(new Uint8Array(32), new Uint8Array(32))).toBe(true)
  })
})

describe('randomToken', () => {
  it('makes 256-bit base64url ids by default, all different', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => randomToken()))
    expect(ids.size).toBe(1000)
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(isRandomToken(id)).toBe(true)
    }
  })

  it('refuses fewer than 128 bits', () => {
    expect(() => randomToken(8)).toThrow(RangeError)
    expect(randomToken(16)).toHaveLength(22)
  })

  it('recognises only well-formed ids', () => {
    expect(isRandomToken('a'.repeat(42))).toBe(false)
    expect(isRandomToken(`${'a'.repeat(42)}=`)).toBe(false)
    expect(isRandomToken('a'.repeat(43))).toBe(true)
  })
})

describe('sha256Base64Url and toBase64Url', () => {
  it('encodes RFC 4648 §5 without padding', () => {
    expect(toBase64Url(new Uint8Array([251, 255]))).toBe('-_8')
  })

  it('hashes the known vector of "abc"', async () => {
    expect(await sha256Base64Url('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0')
  })
})

describe('secretLookup', () => {
  const find = secretLookup({ key_12345: 'alice', key_67890: 'bob' })

  it('finds the value of a known secret and nothing for others', async () => {
    expect(await find('key_12345')).toBe('alice')
    expect(await find('key_67890')).toBe('bob')
    expect(await find('key_1234')).toBeUndefined()
    expect(await find('')).toBeUndefined()
    expect(await find('__proto__')).toBeUndefined()
  })

  it('accepts a Map and refuses an empty secret', async () => {
    expect(await secretLookup(new Map([['t', 1]]))('t')).toBe(1)
    expect(() => secretLookup({ '': 'x' })).toThrow(TypeError)
  })
})
