import { describe, expect, it } from 'vitest'
import { parseQValue, parseWeightedList, pickBest } from '../../src/http/weighted-list.js'
import { assertTotal, garbageStrings } from './garbage.js'

describe('parseQValue', () => {
  it('parses every spelling the RFC 9110 §12.4.2 grammar allows', () => {
    const cases: [string, number][] = [
      ['0', 0],
      ['0.', 0],
      ['0.0', 0],
      ['0.001', 0.001],
      ['0.5', 0.5],
      ['0.50', 0.5],
      ['0.500', 0.5],
      ['0.999', 0.999],
      ['1', 1],
      ['1.', 1],
      ['1.0', 1],
      ['1.000', 1],
    ]
    for (const [value, q] of cases) expect(parseQValue(value), value).toBe(q)
  })

  it('is lenient about a leading dot and extra decimals, truncating past the third', () => {
    expect(parseQValue('.5')).toBe(0.5)
    expect(parseQValue('0.1239')).toBe(0.123)
    expect(parseQValue('1.0000')).toBe(1)
    expect(parseQValue('00.7')).toBe(0.7)
  })

  it('makes equal values equal however they are spelled', () => {
    expect(parseQValue('0.3')).toBe(parseQValue('0.300'))
    expect(parseQValue('0.3')).toBe(0.3)
  })

  it('rejects values above 1 and anything that is not a plain decimal', () => {
    for (const value of [
      '',
      '.',
      '2',
      '1.001',
      '1.5',
      '10',
      '-0',
      '+1',
      '0.5 ',
      ' 0.5',
      '1e0',
      'abc',
      '0,5',
      '0..5',
      'NaN',
    ]) {
      expect(parseQValue(value), value).toBeNull()
    }
  })
})

describe('parseWeightedList', () => {
  it('reads members in order with lower-cased values and default weight 1', () => {
    expect(parseWeightedList('en-US, fr;q=0.5, *;q=0')).toEqual([
      { value: 'en-us', q: 1 },
      { value: 'fr', q: 0.5 },
      { value: '*', q: 0 },
    ])
  })

  it('accepts whitespace around separators and a capital Q', () => {
    expect(parseWeightedList(' gzip ; Q=0.2 ,\tbr ')).toEqual([
      { value: 'gzip', q: 0.2 },
      { value: 'br', q: 1 },
    ])
  })

  it('skips empty members (RFC 9110 §5.6.1.2)', () => {
    expect(parseWeightedList(',, gzip ,, , br,')).toEqual([
      { value: 'gzip', q: 1 },
      { value: 'br', q: 1 },
    ])
    expect(parseWeightedList('')).toEqual([])
    expect(parseWeightedList(' , ')).toEqual([])
  })

  it('drops members with an invalid q but keeps the rest', () => {
    expect(parseWeightedList('a;q=2, b;q=abc, c;q=, d;q=0.5')).toEqual([{ value: 'd', q: 0.5 }])
  })

  it('drops members that are not a single token', () => {
    expect(parseWeightedList('gzip deflate, "br", b r, ok')).toEqual([{ value: 'ok', q: 1 }])
  })

  it('ignores other parameters and anything after q', () => {
    expect(parseWeightedList('a;x=1;q=0.3;y=2, b;q=0.4 trailing, c;z="q=0,d"')).toEqual([
      { value: 'a', q: 0.3 },
      { value: 'b', q: 0.4 },
      { value: 'c', q: 1 },
    ])
  })

  it('drops members whose parameters are malformed', () => {
    expect(parseWeightedList('a;x, b;q="0.5, c')).toEqual([])
    expect(parseWeightedList('a;x, b')).toEqual([{ value: 'b', q: 1 }])
  })

  it('never throws on garbage and yields only valid members', () => {
    assertTotal(
      (value) => {
        for (const member of parseWeightedList(value)) {
          if (!(member.q >= 0 && member.q <= 1) || member.value.length === 0) throw new Error('bad member')
        }
      },
      garbageStrings(3000, ['gzip', ';q=', '0.5', 'en-US', '*']),
    )
  })
})

describe('pickBest', () => {
  it('gives ties to the earlier offer and ignores zero quality', () => {
    expect(pickBest(['a', 'b', 'c'], (offer) => (offer === 'a' ? 0 : 0.5))).toBe('b')
    expect(pickBest(['a', 'b'], () => 0)).toBeNull()
    expect(pickBest([], () => 1)).toBeNull()
  })
})
