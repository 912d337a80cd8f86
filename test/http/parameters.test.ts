import { describe, expect, it } from 'vitest'
import { parseParameters } from '../../src/http/parameters.js'
import { assertTotal, garbageStrings } from './garbage.js'

describe('parseParameters', () => {
  it('stops at a q parameter when asked to, so Accept can split off accept-ext', () => {
    const into: Record<string, string> = Object.create(null)
    const s = ';level=1; Q=0.5; ext=1'
    const stop = parseParameters(s, 0, into, true)
    expect(into).toEqual({ level: '1', q: '0.5' })
    expect(s.slice(stop)).toBe('; ext=1')
  })

  it('stops at a top-level comma and reports syntax errors with -1', () => {
    const into: Record<string, string> = Object.create(null)
    expect(parseParameters(';a="x,y" , next', 0, into)).toBe(9)
    expect(into).toEqual({ a: 'x,y' })
    expect(parseParameters('; a', 0, Object.create(null))).toBe(-1)
    expect(parseParameters(' junk', 0, Object.create(null))).toBe(-1)
  })
})

describe('parseParameters on garbage', () => {
  it('never throws and always returns -1 or an index within the string', () => {
    assertTotal(
      (value) => {
        const stop = parseParameters(value, 0, Object.create(null), value.length % 2 === 0)
        if (stop < -1 || stop > value.length) throw new Error(`out of range: ${stop}`)
      },
      garbageStrings(3000, [';', 'q=1', '="', 'a=b']),
    )
  })
})
