import { describe, expect, it } from 'vitest'
import { parseCookieHeader } from '../../src/http/cookie.js'
import { assertTotal, garbageStrings } from './garbage.js'

describe('parseCookieHeader', () => {
  it('parses the RFC 6265 §4.2.1 cookie-string', () => {
    expect(parseCookieHeader('SID=31d4d96e407aad42; lang=en-US')).toEqual({
      SID: '31d4d96e407aad42',
      lang: 'en-US',
    })
  })

  it('returns an empty record for a missing or empty field', () => {
    expect(parseCookieHeader(null)).toEqual({})
    expect(parseCookieHeader(undefined)).toEqual({})
    expect(parseCookieHeader('')).toEqual({})
  })

  it('returns a null-prototype record in which __proto__ is an ordinary name', () => {
    const cookies = parseCookieHeader('__proto__=x; constructor=y; toString=z')
    expect(Object.getPrototypeOf(cookies)).toBeNull()
    expect(Object.entries(cookies)).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
      ['toString', 'z'],
    ])
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })

  it('lets the first occurrence of a name win (RFC 6265 §5.4 orders the most specific first)', () => {
    expect(parseCookieHeader('a=1; a=2; b=3; a=4')).toEqual({ a: '1', b: '3' })
  })

  it('keeps a first occurrence with an empty value', () => {
    expect(parseCookieHeader('a=; a=2')).toEqual({ a: '' })
  })

  it('removes one pair of surrounding double quotes', () => {
    expect(parseCookieHeader('a="quoted"; b=""; c="""x"""; d="half')).toEqual({
      a: 'quoted',
      b: '',
      c: '""x""',
      d: '"half',
    })
  })

  it('trims whitespace around names and values and tolerates missing spaces', () => {
    expect(parseCookieHeader('  a = 1 ;b=2;\tc=3\t;  ')).toEqual({ a: '1', b: '2', c: '3' })
  })

  it('keeps everything after the first = in the value', () => {
    expect(parseCookieHeader('token=a=b==; x=1')).toEqual({ token: 'a=b==', x: '1' })
  })

  it('skips pairs without = and pairs with an empty name', () => {
    expect(parseCookieHeader('flag; =novalue; a=1; ;;; b')).toEqual({ a: '1' })
  })

  it('does not percent-decode by default', () => {
    expect(parseCookieHeader('a=hello%20world')).toEqual({ a: 'hello%20world' })
  })

  it('decodes with the given function and keeps the raw value when decoding throws', () => {
    const cookies = parseCookieHeader('a=hello%20world; b=%E0%A4%A; c=plain', { decode: decodeURIComponent })
    expect(cookies).toEqual({ a: 'hello world', b: '%E0%A4%A', c: 'plain' })
  })

  it('decodes only the first occurrence of a name', () => {
    let calls = 0
    parseCookieHeader('a=1; a=2; a=3', {
      decode: (value) => {
        calls++
        return value
      },
    })
    expect(calls).toBe(1)
  })

  it('copes with Cookie lines joined by RequestHeaders', () => {
    expect(parseCookieHeader('a=1; b=2; a=3; c=4')).toEqual({ a: '1', b: '2', c: '4' })
  })

  it('stays fast on a field of separators only', () => {
    const hostile = ';'.repeat(200_000) + 'a=1'
    const started = performance.now()
    expect(parseCookieHeader(hostile)).toEqual({ a: '1' })
    expect(parseCookieHeader('a'.repeat(100_000) + ';'.repeat(100_000))).toEqual({})
    expect(performance.now() - started).toBeLessThan(500)
  })

  it('never throws on garbage', () => {
    assertTotal(
      (value) => parseCookieHeader(value, { decode: decodeURIComponent }),
      garbageStrings(4000, ['a=', 'b=1', '; ', '"', '%', '%E0', '__proto__=']),
    )
  })
})
