import { describe, expect, it } from 'vitest'
import {
  formatMediaType,
  isJsonMediaType,
  mediaTypeMatches,
  parseMediaType,
} from '../../src/http/media-type.js'
import { assertTotal, garbageStrings } from './garbage.js'

describe('parseMediaType', () => {
  it('lower-cases type, subtype and parameter names but keeps parameter values', () => {
    const parsed = parseMediaType('Text/HTML; Charset=UTF-8')
    expect(parsed).toEqual({
      type: 'text',
      subtype: 'html',
      essence: 'text/html',
      params: { charset: 'UTF-8' },
    })
  })

  it('treats the RFC 9110 §8.3.1 equivalent spellings alike', () => {
    const spellings = [
      'text/html;charset=utf-8',
      'text/html;charset=UTF-8',
      'Text/HTML;Charset="utf-8"',
      'text/html; charset="utf-8"',
    ]
    for (const spelling of spellings) {
      const parsed = parseMediaType(spelling)
      expect(parsed?.essence, spelling).toBe('text/html')
      expect(parsed?.params.charset?.toLowerCase(), spelling).toBe('utf-8')
    }
  })

  it('unescapes quoted-string parameter values', () => {
    expect(parseMediaType('a/b; x="semi;colon, \\"quoted\\" \\\\"')?.params.x).toBe('semi;colon, "quoted" \\')
    expect(parseMediaType('a/b; x=""')?.params.x).toBe('')
  })

  it('gives parameters a null prototype so hostile names cannot pollute it', () => {
    const parsed = parseMediaType('a/b; __proto__=x; constructor=y')
    expect(Object.getPrototypeOf(parsed?.params)).toBe(null)
    expect(Object.entries(parsed?.params ?? {})).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ])
  })

  it('keeps the first value of a repeated parameter', () => {
    expect(parseMediaType('a/b; x=1; X=2')?.params).toEqual({ x: '1' })
  })

  it('tolerates whitespace around the value, around semicolons and empty parameters', () => {
    expect(parseMediaType('  a/b  ;  x=1 ;; ;y=2;  ')?.params).toEqual({ x: '1', y: '2' })
    expect(parseMediaType('a/b;')?.params).toEqual({})
  })

  it('parses media ranges, since * is a token', () => {
    expect(parseMediaType('*/*')?.essence).toBe('*/*')
    expect(parseMediaType('text/*')?.essence).toBe('text/*')
  })

  it('returns null for values outside the grammar', () => {
    const invalid = [
      '',
      ' ',
      'text',
      'text/',
      '/html',
      'text /html',
      'text/ html',
      'text/html/x',
      'text/html charset=utf-8',
      'text/html; charset',
      'text/html; charset=',
      'text/html; charset =utf-8',
      'text/html; charset= utf-8',
      'text/html; =utf-8',
      'text/html; charset="utf-8',
      'text/html; charset=utf 8',
      'text/html, text/plain',
      'tëxt/html',
      'text/html; a=b"c"',
    ]
    for (const value of invalid) expect(parseMediaType(value), value).toBeNull()
  })

  it('never throws on garbage', () => {
    assertTotal(parseMediaType, garbageStrings(3000, ['text/html', ';q=', 'charset', '"', 'a/b']))
  })
})

describe('isJsonMediaType', () => {
  it('recognises application/json and +json suffixes, case-insensitively, with parameters', () => {
    const json = [
      'application/json',
      'APPLICATION/JSON',
      'application/json; charset=utf-8',
      'application/json;charset=utf-8',
      'application/problem+json',
      'application/vnd.api+json; ext="https://x"',
      'application/merge-patch+JSON',
      'text/x.custom+json',
      '  application/json  ',
    ]
    for (const value of json) expect(isJsonMediaType(value), value).toBe(true)
  })

  it('rejects other types, look-alikes and malformed values', () => {
    const other = [
      null,
      undefined,
      '',
      'text/json',
      'text/plain',
      'application/jsonp',
      'application/json-seq',
      'application/+json',
      'application/xjson',
      'application/json5',
      '+json',
      'json',
      'application/json x',
      'application/json,text/html',
      'text/json+xml',
    ]
    for (const value of other) expect(isJsonMediaType(value), String(value)).toBe(false)
  })

  it('never throws on garbage', () => {
    assertTotal(isJsonMediaType, garbageStrings(2000, ['application/', 'json', '+json', ';']))
  })
})

describe('mediaTypeMatches', () => {
  it('matches wildcards by type and subtype', () => {
    expect(mediaTypeMatches('*/*', 'image/png')).toBe(true)
    expect(mediaTypeMatches('image/*', 'image/png')).toBe(true)
    expect(mediaTypeMatches('image/*', 'text/png')).toBe(false)
    expect(mediaTypeMatches('IMAGE/PNG', 'image/png')).toBe(true)
    expect(mediaTypeMatches('image/png', 'image/gif')).toBe(false)
  })

  it('requires every range parameter on the type (RFC 9110 §12.5.1)', () => {
    expect(mediaTypeMatches('text/plain', 'text/plain; format=flowed')).toBe(true)
    expect(mediaTypeMatches('text/plain;format=flowed', 'text/plain; format=flowed; x=1')).toBe(true)
    expect(mediaTypeMatches('text/plain;format=flowed', 'text/plain')).toBe(false)
    expect(mediaTypeMatches('text/plain;format=flowed', 'text/plain;format=fixed')).toBe(false)
    expect(mediaTypeMatches('text/plain;format=flowed', 'text/plain;format=Flowed')).toBe(false)
  })

  it('compares charset values case-insensitively', () => {
    expect(mediaTypeMatches('text/plain;charset=utf-8', 'text/plain;charset="UTF-8"')).toBe(true)
  })

  it('accepts parsed media types as well as strings', () => {
    const range = parseMediaType('text/*')
    const type = parseMediaType('text/css')
    if (range === null || type === null) throw new Error('unreachable')
    expect(mediaTypeMatches(range, type)).toBe(true)
  })

  it('matches nothing when either side is unparseable', () => {
    expect(mediaTypeMatches('garbage', 'text/html')).toBe(false)
    expect(mediaTypeMatches('*/*', 'garbage')).toBe(false)
  })
})

describe('formatMediaType', () => {
  it('serialises token values bare and others quoted with escapes', () => {
    expect(formatMediaType({ type: 'text', subtype: 'plain' })).toBe('text/plain')
    expect(formatMediaType({ type: 'text', subtype: 'plain', params: { charset: 'utf-8' } })).toBe(
      'text/plain; charset=utf-8',
    )
    expect(formatMediaType({ type: 'multipart', subtype: 'mixed', params: { boundary: 'a b"c\\' } })).toBe(
      'multipart/mixed; boundary="a b\\"c\\\\"',
    )
    expect(formatMediaType({ type: 'a', subtype: 'b', params: { x: '' } })).toBe('a/b; x=""')
  })

  it('round-trips through parseMediaType', () => {
    const params = { charset: 'utf-8', title: 'semi; colon "quoted"' }
    const parsed = parseMediaType(formatMediaType({ type: 'text', subtype: 'plain', params }))
    expect(parsed?.params).toEqual(params)
  })

  it('throws a TypeError for names that are not tokens or values with control characters', () => {
    expect(() => formatMediaType({ type: 'te xt', subtype: 'plain' })).toThrow(TypeError)
    expect(() => formatMediaType({ type: 'text', subtype: '' })).toThrow(TypeError)
    expect(() => formatMediaType({ type: 'a', subtype: 'b', params: { 'x y': '1' } })).toThrow(TypeError)
    expect(() => formatMediaType({ type: 'a', subtype: 'b', params: { x: 'line\nbreak' } })).toThrow(
      TypeError,
    )
    expect(() => formatMediaType({ type: 'a', subtype: 'b', params: { x: '€' } })).toThrow(TypeError)
  })
})
