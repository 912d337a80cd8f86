import { describe, expect, it } from 'vitest'
import { negotiateEncoding } from '../../src/http/accept-encoding.js'
import { assertOneOf, assertTotal, garbageStrings } from './garbage.js'

describe('negotiateEncoding', () => {
  const offers = ['br', 'gzip'] as const

  it('picks the listed coding with the highest quality', () => {
    expect(negotiateEncoding('gzip, deflate, br;q=0.9', offers)).toBe('gzip')
    expect(negotiateEncoding('gzip;q=0.2, br;q=0.8', offers)).toBe('br')
  })

  it('gives ties to the server preference order', () => {
    expect(negotiateEncoding('gzip, deflate, br', offers)).toBe('br')
    expect(negotiateEncoding('*', offers)).toBe('br')
  })

  it('treats a missing header as any coding (RFC 9110 §12.5.3)', () => {
    expect(negotiateEncoding(null, offers)).toBe('br')
    expect(negotiateEncoding(undefined, [])).toBe('identity')
  })

  it('treats an empty header as identity only (RFC 9110 §12.5.3)', () => {
    expect(negotiateEncoding('', offers)).toBe('identity')
  })

  it('treats a header with no parseable member like an empty one', () => {
    expect(negotiateEncoding('"gzip", ;q=1', offers)).toBe('identity')
  })

  it('falls back to an implicit identity when no offered coding is acceptable', () => {
    expect(negotiateEncoding('deflate', offers)).toBe('identity')
    expect(negotiateEncoding('gzip;q=0, br;q=0', offers)).toBe('identity')
  })

  it('prefers any listed coding over an identity acceptable only by default', () => {
    expect(negotiateEncoding('gzip;q=0.001', [...offers, 'identity'])).toBe('gzip')
    expect(negotiateEncoding('gzip;q=0.5', ['identity', 'gzip'])).toBe('gzip')
  })

  it('weighs identity like any coding when the client gives it a weight', () => {
    expect(negotiateEncoding('identity, gzip;q=0.5', ['gzip', 'identity'])).toBe('identity')
    expect(negotiateEncoding('*;q=0.5, gzip;q=0.4', ['gzip', 'identity'])).toBe('identity')
  })

  it('refuses identity only through identity;q=0 or an unqualified *;q=0', () => {
    expect(negotiateEncoding('identity;q=0', offers)).toBeNull()
    expect(negotiateEncoding('*;q=0', offers)).toBeNull()
    expect(negotiateEncoding('*;q=0, identity', offers)).toBe('identity')
    expect(negotiateEncoding('gzip, identity;q=0', offers)).toBe('gzip')
    expect(negotiateEncoding('identity;q=0', [])).toBeNull()
  })

  it('compares case-insensitively and returns the offer as given', () => {
    expect(negotiateEncoding('GZIP', ['Gzip'])).toBe('Gzip')
  })

  it('never throws on garbage and only ever picks an offer', () => {
    assertTotal(
      (value) => assertOneOf(negotiateEncoding(value, offers), [...offers, 'identity']),
      garbageStrings(3000, ['gzip', 'identity', ';q=', '*', 'br']),
    )
  })
})
