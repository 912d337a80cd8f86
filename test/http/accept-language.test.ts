import { describe, expect, it } from 'vitest'
import { languageQuality, negotiateLanguage } from '../../src/http/accept-language.js'
import { parseWeightedList } from '../../src/http/weighted-list.js'
import { assertOneOf, assertTotal, garbageStrings } from './garbage.js'

describe('languageQuality', () => {
  const ranges = parseWeightedList('en;q=0.5, en-US, de-*, *;q=0.1')

  it('matches by prefix on subtag boundaries (RFC 4647 §3.3.1)', () => {
    expect(languageQuality(ranges, 'en')).toBe(0.5)
    expect(languageQuality(ranges, 'en-GB')).toBe(0.5)
    expect(languageQuality(ranges, 'en-Latn-GB')).toBe(0.5)
    expect(languageQuality(ranges, 'eng')).toBe(0.1)
  })

  it('lets the longest matching range decide', () => {
    expect(languageQuality(ranges, 'en-US')).toBe(1)
    expect(languageQuality(ranges, 'EN-us-x-custom')).toBe(1)
  })

  it('lets * match any tag, with less weight than any real prefix', () => {
    expect(languageQuality(ranges, 'fr')).toBe(0.1)
    expect(languageQuality(parseWeightedList('*;q=0, fr;q=0.3'), 'fr-CA')).toBe(0.3)
  })

  it('is 0 when nothing matches, including a more specific range than the tag', () => {
    expect(languageQuality(parseWeightedList('en-US'), 'en')).toBe(0)
    expect(languageQuality([], 'en')).toBe(0)
  })
})

describe('negotiateLanguage', () => {
  it('picks the offer with the highest quality', () => {
    expect(negotiateLanguage('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5', ['en-US', 'fr'])).toBe('fr')
    expect(negotiateLanguage('da, en-gb;q=0.8, en;q=0.7', ['en', 'en-GB'])).toBe('en-GB')
  })

  it('matches a range to a longer tag but not the reverse', () => {
    expect(negotiateLanguage('en', ['de', 'en-US'])).toBe('en-US')
    expect(negotiateLanguage('en-US', ['de', 'en'])).toBeNull()
  })

  it('gives ties to the server preference order', () => {
    expect(negotiateLanguage('en, de', ['de', 'en'])).toBe('de')
    expect(negotiateLanguage('*', ['nl', 'en'])).toBe('nl')
  })

  it('excludes languages with q=0, even through a wildcard', () => {
    expect(negotiateLanguage('*, en;q=0', ['en-GB', 'fr'])).toBe('fr')
    expect(negotiateLanguage('de, *;q=0', ['en', 'fr'])).toBeNull()
  })

  it('compares case-insensitively and returns the offer as given', () => {
    expect(negotiateLanguage('EN-us', ['en-US'])).toBe('en-US')
  })

  it('treats a missing, empty or unparseable header as any language', () => {
    expect(negotiateLanguage(null, ['de', 'en'])).toBe('de')
    expect(negotiateLanguage(undefined, ['de', 'en'])).toBe('de')
    expect(negotiateLanguage('', ['de', 'en'])).toBe('de')
    expect(negotiateLanguage('en_US, 123, toolongsubtag', ['de', 'en'])).toBe('de')
  })

  it('drops ranges that are not RFC 4647 language ranges but keeps the valid ones', () => {
    expect(negotiateLanguage('en_US, 1en, en--us, en-, fr', ['en', 'fr'])).toBe('fr')
    expect(negotiateLanguage('zh-Hant-TW, x;q=0.5', ['x', 'zh-Hant-TW'])).toBe('zh-Hant-TW')
    expect(negotiateLanguage('abcdefghi, en;q=0.1', ['abcdefghi', 'en'])).toBe('en')
  })

  it('returns null when there is nothing to offer', () => {
    expect(negotiateLanguage(null, [])).toBeNull()
    expect(negotiateLanguage('en', [])).toBeNull()
  })

  it('never throws on garbage and only ever picks an offer', () => {
    assertTotal(
      (value) => assertOneOf(negotiateLanguage(value, ['en-US', 'fr']), ['en-US', 'fr']),
      garbageStrings(3000, ['en', '-US', ';q=', '*', 'fr']),
    )
  })
})
