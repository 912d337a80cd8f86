import { describe, expect, it } from 'vitest'
import { defined } from './defined.js'
import { rawHeaderPairs } from './raw-headers.js'

describe('the test helpers', () => {
  it('defined returns a present value, falsy ones included, and names what is missing', () => {
    expect(defined(0, 'a count')).toBe(0)
    expect(defined(null, 'a null')).toBeNull()
    expect(() => defined([1][1], 'a second item')).toThrow('expected a second item, found nothing')
  })

  it('rawHeaderPairs pairs names with values in the order received, repeats kept', () => {
    expect(rawHeaderPairs(['Set-Cookie', 'a=1', 'ETag', '"1"', 'Set-Cookie', 'b=2'])).toEqual([
      ['Set-Cookie', 'a=1'],
      ['ETag', '"1"'],
      ['Set-Cookie', 'b=2'],
    ])
    expect(rawHeaderPairs([])).toEqual([])
  })
})
