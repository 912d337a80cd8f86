import { describe, expect, it } from 'vitest'
import { negotiateCharset, tokenQuality } from '../../src/http/accept-charset.js'
import { parseWeightedList } from '../../src/http/weighted-list.js'
import { assertOneOf, assertTotal, garbageStrings } from './garbage.js'

describe('tokenQuality', () => {
  it('prefers the exact entry over the wildcard, wherever it is listed', () => {
    const entries = parseWeightedList('*;q=0.1, utf-8;q=0.9')
    expect(tokenQuality(entries, 'utf-8', 0)).toBe(0.9)
    expect(tokenQuality(entries, 'latin1', 0)).toBe(0.1)
  })

  it('falls back when neither the token nor * is listed', () => {
    expect(tokenQuality(parseWeightedList('utf-8'), 'latin1', 0.25)).toBe(0.25)
  })

  it('lets the first of repeated entries decide', () => {
    expect(tokenQuality(parseWeightedList('a;q=0.2, a;q=0.8'), 'a', 0)).toBe(0.2)
  })
})

describe('negotiateCharset', () => {
  const offers = ['utf-8', 'iso-8859-1'] as const

  it('picks the offer with the highest quality (RFC 9110 §12.5.2)', () => {
    expect(negotiateCharset('iso-8859-5, unicode-1-1;q=0.8', ['utf-8', 'iso-8859-5'])).toBe('iso-8859-5')
    expect(negotiateCharset('utf-8;q=0.5, iso-8859-1', offers)).toBe('iso-8859-1')
  })

  it('compares names case-insensitively and returns the offer as given', () => {
    expect(negotiateCharset('UTF-8', ['Utf-8'])).toBe('Utf-8')
  })

  it('treats unlisted charsets as unacceptable unless * is present', () => {
    expect(negotiateCharset('iso-8859-1', ['utf-8'])).toBeNull()
    expect(negotiateCharset('iso-8859-1, *;q=0.1', ['utf-8'])).toBe('utf-8')
  })

  it('lets an explicit q=0 override the wildcard', () => {
    expect(negotiateCharset('*, utf-8;q=0', offers)).toBe('iso-8859-1')
    expect(negotiateCharset('*;q=0', offers)).toBeNull()
  })

  it('gives ties to the server preference order', () => {
    expect(negotiateCharset('iso-8859-1, utf-8', offers)).toBe('utf-8')
  })

  it('treats a missing, empty or unparseable header as any charset', () => {
    expect(negotiateCharset(null, offers)).toBe('utf-8')
    expect(negotiateCharset('', offers)).toBe('utf-8')
    expect(negotiateCharset('"utf-8", ;q=1', offers)).toBe('utf-8')
    expect(negotiateCharset('utf-8', [])).toBeNull()
  })

  it('never throws on garbage and only ever picks an offer', () => {
    assertTotal(
      (value) => assertOneOf(negotiateCharset(value, offers), offers),
      garbageStrings(3000, ['utf-8', ';q=', '*']),
    )
  })
})
