import { describe, expect, it } from 'vitest'
import { mediaTypeQuality, negotiateMediaType, parseAccept } from '../../src/http/accept.js'
import { parseMediaType } from '../../src/http/media-type.js'
import { assertOneOf, assertTotal, garbageStrings } from './garbage.js'

const type = (value: string) => {
  const parsed = parseMediaType(value)
  if (parsed === null) throw new Error(`bad fixture ${value}`)
  return parsed
}

describe('parseAccept', () => {
  it('reads media ranges in order with their q-values', () => {
    expect(parseAccept('text/html, application/*;q=0.5, */*;q=0.1')).toEqual([
      { type: 'text', subtype: 'html', params: {}, q: 1 },
      { type: 'application', subtype: '*', params: {}, q: 0.5 },
      { type: '*', subtype: '*', params: {}, q: 0.1 },
    ])
  })

  it('keeps media-type parameters and drops accept-ext after q (RFC 9110 §12.5.1)', () => {
    const [range] = parseAccept('text/html;level=1;q=0.4;ext=1')
    expect(range?.params).toEqual({ level: '1' })
    expect(range?.q).toBe(0.4)
  })

  it('lower-cases names and accepts whitespace and a capital Q', () => {
    expect(parseAccept(' TEXT/Html ; Level=1 ; Q=0.7 ')).toEqual([
      { type: 'text', subtype: 'html', params: { level: '1' }, q: 0.7 },
    ])
  })

  it('keeps commas inside quoted parameter values', () => {
    const ranges = parseAccept('text/plain;x="a,b";q=0.5, text/html')
    expect(ranges.map((r) => [r.subtype, r.params.x, r.q])).toEqual([
      ['plain', 'a,b', 0.5],
      ['html', undefined, 1],
    ])
  })

  it('reads a lone * as the all-types range, as old clients send it', () => {
    expect(parseAccept('*; q=.2')).toEqual([{ type: '*', subtype: '*', params: {}, q: 0.2 }])
  })

  it('drops members that are not media ranges or have a malformed q, keeping the rest', () => {
    const header = 'text, */html, text/, /html, a/b c, a/b;q=2, a/b;q=x, a/b;x, a/b;x="open, image/png'
    expect(parseAccept(header)).toEqual([])
    expect(parseAccept('text, image/png;q=0.5, a/b;q=x')).toEqual([
      { type: 'image', subtype: 'png', params: {}, q: 0.5 },
    ])
  })

  it('skips empty members', () => {
    expect(parseAccept(', ,text/html,,')).toHaveLength(1)
  })

  it('never throws on garbage and yields only well-formed ranges', () => {
    assertTotal(
      (value) => {
        for (const range of parseAccept(value)) {
          if (!(range.q >= 0 && range.q <= 1)) throw new Error('bad q')
          if (range.type === '*' && range.subtype !== '*') throw new Error('bad range')
        }
      },
      garbageStrings(4000, ['text/html', '*/*', ';q=', '0.5', 'a/b', ';level=1']),
    )
  })
})

describe('mediaTypeQuality', () => {
  // The example of RFC 9110 §12.5.1.
  const ranges = parseAccept(
    'text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed, text/plain;format=fixed;q=0.4, */*;q=0.5',
  )

  // The RFC prints 0.7 for text/html;level=3, a leftover of RFC 7231's different example: only
  // text/* matches it here, so 0.3 is what the rule itself gives.
  it('reproduces the RFC 9110 §12.5.1 precedence table', () => {
    const table: [string, number][] = [
      ['text/plain;format=flowed', 1],
      ['text/plain', 0.7],
      ['text/html', 0.3],
      ['image/jpeg', 0.5],
      ['text/plain;format=fixed', 0.4],
      ['text/html;level=3', 0.3],
    ]
    for (const [value, q] of table) expect(mediaTypeQuality(ranges, type(value)), value).toBe(q)
  })

  it('prefers the range with more matching parameters', () => {
    const r = parseAccept('a/b;x=1;q=0.2, a/b;x=1;y=2;q=0.9, a/b;q=0.1')
    expect(mediaTypeQuality(r, type('a/b;y=2;x=1'))).toBe(0.9)
    expect(mediaTypeQuality(r, type('a/b;x=1'))).toBe(0.2)
    expect(mediaTypeQuality(r, type('a/b;x=2'))).toBe(0.1)
  })

  it('lets the first of two equally specific ranges decide', () => {
    expect(mediaTypeQuality(parseAccept('a/b;q=0.2, a/b;q=0.9'), type('a/b'))).toBe(0.2)
  })

  it('is 0 when no range matches', () => {
    expect(mediaTypeQuality(parseAccept('text/*'), type('image/png'))).toBe(0)
    expect(mediaTypeQuality([], type('image/png'))).toBe(0)
  })
})

describe('negotiateMediaType', () => {
  const offers = ['application/json', 'text/html', 'text/plain'] as const

  it('picks the offer with the highest quality', () => {
    expect(negotiateMediaType('text/html;q=0.9, text/plain', offers)).toBe('text/plain')
    expect(negotiateMediaType('text/*;q=0.5, application/json;q=0.4', offers)).toBe('text/html')
  })

  it('gives ties to the server preference order', () => {
    expect(negotiateMediaType('text/plain, text/html', offers)).toBe('text/html')
    expect(negotiateMediaType('*/*', offers)).toBe('application/json')
    expect(negotiateMediaType('text/*', offers)).toBe('text/html')
  })

  it('lets a more specific range override a wildcard, including with q=0', () => {
    expect(negotiateMediaType('*/*, application/json;q=0', offers)).toBe('text/html')
    expect(negotiateMediaType('text/*;q=0, */*;q=0.1', offers)).toBe('application/json')
    expect(negotiateMediaType('text/*, text/html;q=0', ['text/html', 'text/csv'])).toBe('text/csv')
    expect(negotiateMediaType('*/*;q=0.1, text/html', offers)).toBe('text/html')
  })

  it('returns null when nothing is acceptable', () => {
    expect(negotiateMediaType('image/png', offers)).toBeNull()
    expect(negotiateMediaType('*/*;q=0', offers)).toBeNull()
    expect(negotiateMediaType('text/html;level=1', ['text/html'])).toBeNull()
  })

  it('treats a missing Accept as */* and returns the first offer', () => {
    expect(negotiateMediaType(null, offers)).toBe('application/json')
    expect(negotiateMediaType(undefined, offers)).toBe('application/json')
  })

  it('treats an empty or entirely unparseable Accept as missing', () => {
    expect(negotiateMediaType('', offers)).toBe('application/json')
    expect(negotiateMediaType('   ', offers)).toBe('application/json')
    expect(negotiateMediaType('json', offers)).toBe('application/json')
    expect(negotiateMediaType('text/html;q=7', offers)).toBe('application/json')
  })

  it('ignores the unparseable members of an otherwise valid Accept', () => {
    expect(negotiateMediaType('json, text/plain', offers)).toBe('text/plain')
  })

  it('returns null when there is nothing to offer', () => {
    expect(negotiateMediaType('*/*', [])).toBeNull()
    expect(negotiateMediaType(null, [])).toBeNull()
  })

  it('compares case-insensitively and returns the offer exactly as given', () => {
    expect(negotiateMediaType('TEXT/HTML', ['Text/Html; Charset=UTF-8'])).toBe('Text/Html; Charset=UTF-8')
  })

  it('matches parameters of offers', () => {
    const withParams = ['text/html;level=1', 'text/html;level=2']
    expect(negotiateMediaType('text/html;level=2', withParams)).toBe('text/html;level=2')
    expect(negotiateMediaType('text/html;level=1;q=0.5, text/html', withParams)).toBe('text/html;level=2')
  })

  it('never chooses an unparseable or wildcard offer', () => {
    expect(negotiateMediaType('*/*', ['garbage', '*/*', 'text/*', 'text/css'])).toBe('text/css')
  })

  it('handles a typical browser Accept', () => {
    const browser =
      'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8'
    expect(negotiateMediaType(browser, ['application/json', 'text/html'])).toBe('text/html')
    expect(negotiateMediaType(browser, ['application/json', 'text/csv'])).toBe('application/json')
  })

  it('never throws on garbage and only ever picks an offer', () => {
    assertTotal(
      (value) => assertOneOf(negotiateMediaType(value, offers), offers),
      garbageStrings(3000, ['text/html', '*/*', ';q=', 'application/json']),
    )
  })
})
