import { describe, expect, it } from 'vitest'
import {
  coalesceRanges,
  formatContentRange,
  formatUnsatisfiedContentRange,
  parseRange,
} from '../../src/http/byte-range.js'
import { assertTotal, garbageStrings } from './garbage.js'

const satisfiable = (...ranges: [number, number][]) => ({
  kind: 'satisfiable',
  ranges: ranges.map(([start, end]) => ({ start, end })),
})

describe('parseRange', () => {
  it('resolves the RFC 9110 §14.1.2 examples for a 10000-byte representation', () => {
    expect(parseRange('bytes=0-499', 10_000)).toEqual(satisfiable([0, 499]))
    expect(parseRange('bytes=500-999', 10_000)).toEqual(satisfiable([500, 999]))
    expect(parseRange('bytes=-500', 10_000)).toEqual(satisfiable([9500, 9999]))
    expect(parseRange('bytes=9500-', 10_000)).toEqual(satisfiable([9500, 9999]))
    expect(parseRange('bytes=0-0,-1', 10_000)).toEqual(satisfiable([0, 0], [9999, 9999]))
    expect(parseRange('bytes= 0-999, 4500-5499, -1000', 10_000)).toEqual(
      satisfiable([0, 999], [4500, 5499], [9000, 9999]),
    )
    expect(parseRange('bytes=500-600,601-999', 10_000)).toEqual(satisfiable([500, 600], [601, 999]))
    expect(parseRange('bytes=500-700,601-999', 10_000)).toEqual(satisfiable([500, 700], [601, 999]))
  })

  it('clamps a last-pos beyond the representation to its last byte', () => {
    expect(parseRange('bytes=0-99999', 1000)).toEqual(satisfiable([0, 999]))
    expect(parseRange('bytes=999-1000', 1000)).toEqual(satisfiable([999, 999]))
    expect(parseRange('bytes=0-99999999999999999999999', 1000)).toEqual(satisfiable([0, 999]))
  })

  it('selects the whole representation for a suffix longer than it', () => {
    expect(parseRange('bytes=-5000', 1000)).toEqual(satisfiable([0, 999]))
    expect(parseRange('bytes=-1000', 1000)).toEqual(satisfiable([0, 999]))
  })

  it('is case-insensitive about the unit and tolerates whitespace and empty members', () => {
    expect(parseRange('BYTES=0-1', 10)).toEqual(satisfiable([0, 1]))
    expect(parseRange('  bytes=, 0-1 ,, 3-4 , ', 10)).toEqual(satisfiable([0, 1], [3, 4]))
  })

  it('keeps the request order and overlapping ranges', () => {
    expect(parseRange('bytes=5-6,0-9,0-9', 10)).toEqual(satisfiable([5, 6], [0, 9], [0, 9]))
  })

  it('ignores a missing field or an unknown range unit (RFC 9110 §14.2)', () => {
    expect(parseRange(null, 10)).toEqual({ kind: 'ignored' })
    expect(parseRange(undefined, 10)).toEqual({ kind: 'ignored' })
    expect(parseRange('items=0-5', 10)).toEqual({ kind: 'ignored' })
    expect(parseRange('bytesx=0-5', 10)).toEqual({ kind: 'ignored' })
    expect(parseRange('none=whatever goes', 10)).toEqual({ kind: 'ignored' })
  })

  it('reports syntactically invalid byte ranges as invalid', () => {
    const invalid = [
      '',
      'bytes',
      'bytes=',
      'bytes= ',
      'bytes=,',
      'bytes=abc',
      'bytes=10-5',
      'bytes=-',
      'bytes=5',
      'bytes=--5',
      'bytes=5--6',
      'bytes=1-2-3',
      'bytes=0x10-20',
      'bytes=+1-2',
      'bytes=1.5-2',
      'bytes=0-1;x',
      'bytes=0 -1',
      'bytes=0- 1',
      'bytes =0-1',
      'bytes=0-1 2-3',
      'bytes=0-1, 10-5',
      '=0-1',
      'garbage',
    ]
    for (const value of invalid) expect(parseRange(value, 1000), value).toEqual({ kind: 'invalid' })
  })

  it('reports well-formed ranges that select nothing as unsatisfiable', () => {
    expect(parseRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=1000-2000', 1000)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=0-0', 0)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=-10', 0)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=2000-3000, -0', 1000)).toEqual({ kind: 'unsatisfiable' })
  })

  it('drops the unsatisfiable members of a set with a satisfiable one', () => {
    expect(parseRange('bytes=2000-3000, 0-1, -0', 1000)).toEqual(satisfiable([0, 1]))
  })

  it('caps the number of ranges at 100 by default, and as configured', () => {
    const ranges = (n: number) => 'bytes=' + Array.from({ length: n }, (_, k) => `${k}-${k}`).join(',')
    expect(parseRange(ranges(100), 1000).kind).toBe('satisfiable')
    expect(parseRange(ranges(101), 1000)).toEqual({ kind: 'invalid' })
    expect(parseRange(ranges(3), 1000, { maxRanges: 2 })).toEqual({ kind: 'invalid' })
    expect(parseRange(ranges(2), 1000, { maxRanges: 2 }).kind).toBe('satisfiable')
  })

  it('does not count empty members towards the cap', () => {
    expect(parseRange('bytes=0-1,,,,,2-3', 10, { maxRanges: 2 }).kind).toBe('satisfiable')
  })

  it('never throws on garbage and only yields ranges within the representation', () => {
    assertTotal(
      (value) => {
        const result = parseRange(value, 100)
        if (result.kind !== 'satisfiable') return
        for (const { start, end } of result.ranges) {
          if (!(start >= 0 && start <= end && end < 100)) throw new Error(`bad range ${start}-${end}`)
        }
      },
      garbageStrings(5000, ['bytes=', 'Bytes=', '0-', '-5', '99', '100', '200-', ',']),
    )
  })
})

describe('coalesceRanges', () => {
  it('merges overlapping and adjacent ranges and sorts them', () => {
    expect(
      coalesceRanges([
        { start: 50, end: 99 },
        { start: 0, end: 60 },
        { start: 100, end: 109 },
        { start: 200, end: 210 },
      ]),
    ).toEqual([
      { start: 0, end: 109 },
      { start: 200, end: 210 },
    ])
  })

  it('keeps a range that lies inside another one absorbed', () => {
    expect(
      coalesceRanges([
        { start: 0, end: 100 },
        { start: 10, end: 20 },
      ]),
    ).toEqual([{ start: 0, end: 100 }])
  })

  it('merges across gaps up to maxGap bytes', () => {
    const ranges = [
      { start: 0, end: 9 },
      { start: 15, end: 19 },
    ]
    expect(coalesceRanges(ranges, 5)).toEqual([{ start: 0, end: 19 }])
    expect(coalesceRanges(ranges, 4)).toEqual(ranges)
  })

  it('returns a copy and leaves its input alone', () => {
    const input = [
      { start: 5, end: 6 },
      { start: 0, end: 1 },
    ]
    const output = coalesceRanges(input)
    expect(input[0]).toEqual({ start: 5, end: 6 })
    expect(output).not.toBe(input)
    expect(coalesceRanges([])).toEqual([])
  })
})

describe('formatContentRange', () => {
  it('formats a satisfied range (RFC 9110 §14.4)', () => {
    expect(formatContentRange(0, 499, 1234)).toBe('bytes 0-499/1234')
    expect(formatContentRange(42, 42, '*')).toBe('bytes 42-42/*')
  })

  it('throws a RangeError for a range outside the representation', () => {
    expect(() => formatContentRange(5, 4, 10)).toThrow(RangeError)
    expect(() => formatContentRange(0, 10, 10)).toThrow(RangeError)
    expect(() => formatContentRange(-1, 3, 10)).toThrow(RangeError)
    expect(() => formatContentRange(0.5, 3, 10)).toThrow(RangeError)
  })
})

describe('formatUnsatisfiedContentRange', () => {
  it('formats the complete length for a 416 (RFC 9110 §14.4)', () => {
    expect(formatUnsatisfiedContentRange(1000)).toBe('bytes */1000')
    expect(formatUnsatisfiedContentRange(0)).toBe('bytes */0')
  })

  it('throws a RangeError for a length that is not a non-negative integer', () => {
    expect(() => formatUnsatisfiedContentRange(-1)).toThrow(RangeError)
    expect(() => formatUnsatisfiedContentRange(Number.NaN)).toThrow(RangeError)
  })
})
