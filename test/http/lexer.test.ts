import { describe, expect, it } from 'vitest'
import {
  equalsLowerAscii,
  isToken,
  isTokenChar,
  nextComma,
  quotedStringEnd,
  skipOws,
  tokenEnd,
  unquote,
} from '../../src/http/lexer.js'

describe('isToken', () => {
  it('accepts every tchar of RFC 9110 §5.6.2', () => {
    expect(isToken("!#$%&'*+-.^_`|~09AZaz")).toBe(true)
  })

  it('rejects the empty string, separators, controls and non-ASCII', () => {
    for (const value of [
      '',
      'a b',
      'a,b',
      'a;b',
      'a=b',
      'a"b',
      'a/b',
      '(a)',
      'a\tb',
      'a\u0000',
      'é',
      'a{b}',
    ]) {
      expect(isToken(value), value).toBe(false)
    }
  })

  it('classifies single code units, including ones above 127', () => {
    expect(isTokenChar('a'.charCodeAt(0))).toBe(true)
    expect(isTokenChar(0x20)).toBe(false)
    expect(isTokenChar(0xe9)).toBe(false)
  })
})

describe('skipOws and tokenEnd', () => {
  it('skips spaces and tabs only', () => {
    expect(skipOws(' \t x', 0)).toBe(3)
    expect(skipOws('x', 0)).toBe(0)
    expect(skipOws('  ', 0)).toBe(2)
    expect(skipOws('\r\nx', 0)).toBe(0)
  })

  it('finds the end of a token run', () => {
    expect(tokenEnd('text/html', 0)).toBe(4)
    expect(tokenEnd('text/html', 5)).toBe(9)
    expect(tokenEnd(';x', 0)).toBe(0)
  })
})

describe('quoted strings', () => {
  it('finds the end of a quoted string, honouring quoted-pairs', () => {
    expect(quotedStringEnd('"abc" rest', 0)).toBe(5)
    expect(quotedStringEnd('"a\\"b"', 0)).toBe(6)
    expect(quotedStringEnd('"a\\\\"x', 0)).toBe(5)
  })

  it('reports unterminated or absent quoted strings with -1', () => {
    expect(quotedStringEnd('"abc', 0)).toBe(-1)
    expect(quotedStringEnd('"abc\\"', 0)).toBe(-1)
    expect(quotedStringEnd('abc', 0)).toBe(-1)
  })

  it('unescapes quoted-pairs when unquoting', () => {
    const s = '"a\\"b\\\\c\\d"'
    expect(unquote(s, 0, s.length)).toBe('a"b\\cd')
    expect(unquote('""', 0, 2)).toBe('')
    expect(unquote('"plain"', 0, 7)).toBe('plain')
  })
})

describe('nextComma', () => {
  it('ignores commas inside quoted strings', () => {
    expect(nextComma('a="x,y", b', 0)).toBe(7)
    expect(nextComma('abc', 0)).toBe(3)
    expect(nextComma('a="x,y', 0)).toBe(6)
  })
})

describe('equalsLowerAscii', () => {
  it('compares a slice case-insensitively without allocating', () => {
    expect(equalsLowerAscii('xAPPLICATIONx', 1, 12, 'application')).toBe(true)
    expect(equalsLowerAscii('Json', 0, 4, 'json')).toBe(true)
    expect(equalsLowerAscii('Jso', 0, 3, 'json')).toBe(false)
    expect(equalsLowerAscii('j[on', 0, 4, 'j{on')).toBe(false)
  })
})
