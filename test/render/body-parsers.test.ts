import { describe, expect, it } from 'vitest'
import { BadRequest } from '../../src/errors/status-errors.js'
import {
  type BodyParser,
  bodyParserChooser,
  defaultBodyParsers,
  jsonBodyParser,
  selectBodyParser,
} from '../../src/render/body-parsers.js'

const encode = (text: string) => new TextEncoder().encode(text)
const parser = (...mediaTypes: string[]): BodyParser => ({ mediaTypes, parse: () => mediaTypes[0] })

describe('jsonBodyParser', () => {
  it('handles application/json and +json types', () => {
    expect(jsonBodyParser().mediaTypes).toEqual(['application/json', 'application/*+json'])
  })

  it('parses JSON content', async () => {
    expect(await jsonBodyParser().parse(encode('{"a":[1,2]}'), 'application/json')).toEqual({ a: [1, 2] })
  })

  it('decodes as UTF-8 whatever the charset parameter says (RFC 8259 §11)', async () => {
    expect(await jsonBodyParser().parse(encode('"é"'), 'application/json; charset=iso-8859-1')).toBe('é')
  })

  it('refuses invalid JSON and polluting keys with 400', async () => {
    const json = jsonBodyParser()
    await expect(async () => json.parse(encode('{'), 'application/json')).rejects.toBeInstanceOf(BadRequest)
    await expect(async () => json.parse(encode(''), 'application/json')).rejects.toBeInstanceOf(BadRequest)
    await expect(async () =>
      json.parse(encode('{"__proto__":{"x":1}}'), 'application/json'),
    ).rejects.toBeInstanceOf(BadRequest)
  })
})

describe('selectBodyParser', () => {
  const json = parser('application/json', 'application/*+json')
  const text = parser('text/*')
  const any = parser('*/*')

  it('picks a parser by the essence of the Content-Type, ignoring parameters and case', () => {
    expect(selectBodyParser([text, json], 'Application/JSON; charset=utf-8')).toBe(json)
  })

  it('matches +json structured syntax suffixes (RFC 6839 §3.1)', () => {
    expect(selectBodyParser([json], 'application/problem+json')).toBe(json)
    expect(selectBodyParser([json], 'application/vnd.api+json; ext=x')).toBe(json)
    expect(selectBodyParser([json], 'application/+json')).toBeUndefined()
    expect(selectBodyParser([json], 'application/jsonx')).toBeUndefined()
    expect(selectBodyParser([json], 'text/x+json')).toBeUndefined()
  })

  it('matches type/* and */* ranges', () => {
    expect(selectBodyParser([json, text], 'text/markdown')).toBe(text)
    expect(selectBodyParser([json, any], 'image/png')).toBe(any)
  })

  it('prefers the first parser that matches', () => {
    expect(selectBodyParser([any, json], 'application/json')).toBe(any)
  })

  it('compares the parser’s media types case-insensitively', () => {
    const upper = parser('Application/XML')
    expect(selectBodyParser([upper], 'application/xml')).toBe(upper)
  })

  it('returns undefined for a missing, malformed or unknown Content-Type so the caller answers 415', () => {
    for (const value of [undefined, null, '', 'json', 'application/', '/json', 'a/b; =x', 'image/png']) {
      expect(selectBodyParser([json, text], value), String(value)).toBeUndefined()
    }
  })
})

describe('defaultBodyParsers', () => {
  it('covers JSON, URL-encoded forms, multipart forms and plain text, in that order', () => {
    expect(defaultBodyParsers.map((p) => p.mediaTypes[0])).toEqual([
      'application/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'text/plain',
    ])
    expect(Object.isFrozen(defaultBodyParsers)).toBe(true)
  })

  it('routes each built-in type to the parser that reads it', async () => {
    const parse = async (contentType: string, text: string) =>
      selectBodyParser(defaultBodyParsers, contentType)?.parse(encode(text), contentType)
    expect(await parse('application/json', '[1]')).toEqual([1])
    expect(await parse('application/merge-patch+json', '{"a":null}')).toEqual({ a: null })
    expect({ ...((await parse('application/x-www-form-urlencoded', 'a=1')) as object) }).toEqual({ a: '1' })
    expect(await parse('text/plain', 'hi')).toBe('hi')
    const multipart = 'multipart/form-data; boundary=b'
    const body = '--b\r\ncontent-disposition: form-data; name="x"\r\n\r\n1\r\n--b--\r\n'
    const parsed = (await parse(multipart, body)) as { fields: object }
    expect({ ...parsed.fields }).toEqual({ x: '1' })
    expect(selectBodyParser(defaultBodyParsers, 'application/xml')).toBeUndefined()
  })
})

describe('bodyParserChooser', () => {
  it('chooses what selectBodyParser chooses, for known, unknown, missing and malformed types', () => {
    const parsers = [parser('application/json', 'application/*+json'), parser('text/*')]
    const parserFor = bodyParserChooser(parsers)
    for (const type of [
      'application/json',
      'Application/Problem+JSON; x=1',
      'text/csv',
      'image/png',
      'nonsense',
      null,
      '',
    ]) {
      // Asked twice: the second answer comes from what the first remembered.
      expect(parserFor(type)).toBe(selectBodyParser(parsers, type))
      expect(parserFor(type)).toBe(selectBodyParser(parsers, type))
    }
  })

  it('stops remembering after a few dozen distinct types and still answers every one', () => {
    const json = parser('application/json')
    const parserFor = bodyParserChooser([json])
    for (let i = 0; i < 200; i++) expect(parserFor(`application/x-${i}`)).toBeUndefined()
    expect(parserFor('application/json; v=200')).toBe(json)
    expect(parserFor('application/json; v=200')).toBe(json)
  })
})
