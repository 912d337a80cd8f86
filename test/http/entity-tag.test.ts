import { describe, expect, it } from 'vitest'
import {
  type EntityTag,
  formatEntityTag,
  matchesAny,
  parseEntityTag,
  parseEntityTagList,
  strongCompare,
  weakCompare,
} from '../../src/http/entity-tag.js'
import { assertTotal, garbageStrings } from './garbage.js'

const strong = (opaque: string): EntityTag => ({ weak: false, opaque })
const weak = (opaque: string): EntityTag => ({ weak: true, opaque })

describe('parseEntityTag', () => {
  it('parses strong and weak tags', () => {
    expect(parseEntityTag('"xyzzy"')).toEqual(strong('xyzzy'))
    expect(parseEntityTag('W/"xyzzy"')).toEqual(weak('xyzzy'))
    expect(parseEntityTag('""')).toEqual(strong(''))
    expect(parseEntityTag('W/""')).toEqual(weak(''))
  })

  it('accepts every etagc, including obs-text, and surrounding whitespace', () => {
    expect(parseEntityTag(' "!#~\u0080\u00ff" ')).toEqual(strong('!#~\u0080\u00ff'))
  })

  it('rejects values outside the RFC 9110 §8.8.3 grammar', () => {
    const invalid = [
      '',
      'xyzzy',
      '"xyzzy',
      'xyzzy"',
      'w/"xyzzy"',
      'W/xyzzy',
      'W"xyzzy"',
      ' W/ "xyzzy"',
      '"a b"',
      '"a\tb"',
      '"a\\"b"',
      '"a"b"',
      '"a" "b"',
      '"a","b"',
      '"\u0100"',
      '"\u0000"',
      '*',
    ]
    for (const value of invalid) expect(parseEntityTag(value), value).toBeNull()
  })

  it('never throws on garbage', () => {
    assertTotal(parseEntityTag, garbageStrings(3000, ['"', 'W/', '"abc"', ',']))
  })
})

describe('parseEntityTagList', () => {
  it('parses * on its own, with optional whitespace', () => {
    expect(parseEntityTagList('*')).toBe('*')
    expect(parseEntityTagList('  * ')).toBe('*')
  })

  it('parses a list of tags in order', () => {
    expect(parseEntityTagList('"xyzzy", "r2d2xxxx", "c3piozzzz"')).toEqual([
      strong('xyzzy'),
      strong('r2d2xxxx'),
      strong('c3piozzzz'),
    ])
    expect(parseEntityTagList('W/"xyzzy",W/"r2d2xxxx"')).toEqual([weak('xyzzy'), weak('r2d2xxxx')])
  })

  it('keeps commas inside opaque tags', () => {
    expect(parseEntityTagList('"a,b", "c"')).toEqual([strong('a,b'), strong('c')])
  })

  it('ignores empty list members (RFC 9110 §5.6.1.2)', () => {
    expect(parseEntityTagList(' , "a" ,, "b", ')).toEqual([strong('a'), strong('b')])
    expect(parseEntityTagList('')).toEqual([])
    expect(parseEntityTagList(' , ')).toEqual([])
  })

  it('treats a list with any malformed member as a whole as matching nothing', () => {
    const invalid = [
      'xyzzy',
      '"a", xyzzy',
      '"a", w/"b"',
      '"a" "b"',
      '"a"; "b"',
      '"a", "b',
      '*, "a"',
      '"a", *',
      '**',
      '* *',
      'W/',
    ]
    for (const value of invalid) expect(parseEntityTagList(value), value).toEqual([])
  })

  it('never throws on garbage and yields only valid tags', () => {
    assertTotal(
      (value) => {
        const list = parseEntityTagList(value)
        if (list !== '*') for (const tag of list) formatEntityTag(tag)
      },
      garbageStrings(4000, ['"', 'W/', '"abc"', ',', '*']),
    )
  })
})

describe('formatEntityTag', () => {
  it('serialises strong and weak tags', () => {
    expect(formatEntityTag(strong('v1'))).toBe('"v1"')
    expect(formatEntityTag(weak('v1'))).toBe('W/"v1"')
    expect(formatEntityTag(strong(''))).toBe('""')
  })

  it('round-trips through parseEntityTag', () => {
    for (const tag of [strong('abc'), weak('a,b'), strong('\u00e9!')]) {
      expect(parseEntityTag(formatEntityTag(tag))).toEqual(tag)
    }
  })

  it('throws a TypeError for characters outside etagc', () => {
    for (const opaque of ['a"b', 'a b', 'a\nb', '\u0100', '\u007f']) {
      expect(() => formatEntityTag(strong(opaque)), opaque).toThrow(TypeError)
    }
  })
})

describe('strongCompare and weakCompare', () => {
  // The table of RFC 9110 §8.8.3.2.
  const table: [EntityTag, EntityTag, boolean, boolean][] = [
    [weak('1'), weak('1'), false, true],
    [weak('1'), weak('2'), false, false],
    [weak('1'), strong('1'), false, true],
    [strong('1'), strong('1'), true, true],
  ]

  it('reproduces the RFC 9110 §8.8.3.2 comparison table', () => {
    for (const [a, b, strongResult, weakResult] of table) {
      expect(strongCompare(a, b)).toBe(strongResult)
      expect(strongCompare(b, a)).toBe(strongResult)
      expect(weakCompare(a, b)).toBe(weakResult)
      expect(weakCompare(b, a)).toBe(weakResult)
    }
  })

  it('compares opaque strings case-sensitively', () => {
    expect(weakCompare(strong('a'), strong('A'))).toBe(false)
  })
})

describe('matchesAny', () => {
  it('uses strong comparison for If-Match (RFC 9110 §13.1.1)', () => {
    const list = parseEntityTagList('W/"1", "2"')
    expect(matchesAny(list, '"2"', 'strong')).toBe(true)
    expect(matchesAny(list, '"1"', 'strong')).toBe(false)
    expect(matchesAny(list, 'W/"2"', 'strong')).toBe(false)
  })

  it('uses weak comparison for If-None-Match (RFC 9110 §13.1.2)', () => {
    const list = parseEntityTagList('W/"1", "2"')
    expect(matchesAny(list, '"1"', 'weak')).toBe(true)
    expect(matchesAny(list, 'W/"2"', 'weak')).toBe(true)
    expect(matchesAny(list, '"3"', 'weak')).toBe(false)
  })

  it('accepts the current tag parsed or as a field value', () => {
    expect(matchesAny([strong('a')], strong('a'), 'strong')).toBe(true)
    expect(matchesAny([strong('a')], ' "a" ', 'strong')).toBe(true)
  })

  it('matches nothing when the current tag is missing or unparseable', () => {
    expect(matchesAny([strong('a')], null, 'weak')).toBe(false)
    expect(matchesAny([strong('a')], undefined, 'weak')).toBe(false)
    expect(matchesAny([strong('a')], 'a', 'weak')).toBe(false)
  })

  it('lets * match, leaving the existence check to the caller', () => {
    expect(matchesAny('*', null, 'strong')).toBe(true)
    expect(matchesAny('*', '"x"', 'weak')).toBe(true)
  })

  it('matches nothing for an empty or malformed list', () => {
    expect(matchesAny(parseEntityTagList('garbage'), '"garbage"', 'weak')).toBe(false)
    expect(matchesAny([], '"a"', 'weak')).toBe(false)
  })
})
