import { describe, expect, it } from 'vitest'
import { BadRequest, UnsupportedMediaType } from '../../src/errors/status-errors.js'
import { parseText, textBodyParser } from '../../src/render/parse-text.js'

describe('parseText', () => {
  it('decodes UTF-8 when there is no charset parameter', () => {
    expect(parseText(new TextEncoder().encode('héllo 😀'), 'text/plain')).toBe('héllo 😀')
    expect(parseText(new Uint8Array(), 'text/plain')).toBe('')
  })

  it('decodes the charset the parameter names, case-insensitively', () => {
    expect(parseText(new Uint8Array([0xe9]), 'text/plain; charset=ISO-8859-1')).toBe('é')
    expect(parseText(new Uint8Array([0xb1]), 'text/plain; charset="iso-8859-2"')).toBe('ą')
    expect(parseText(new Uint8Array([0x82, 0xa0]), 'text/plain; charset=Shift_JIS')).toBe('あ')
    expect(parseText(new Uint8Array([0x41, 0x00]), 'text/plain; charset=utf-16le')).toBe('A')
  })

  it('drops a UTF-8 byte order mark', () => {
    expect(parseText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'text/plain')).toBe('a')
  })

  it('refuses invalid UTF-8 with 400', () => {
    for (const bytes of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf]]) {
      expect(() => parseText(new Uint8Array(bytes), 'text/plain')).toThrow(BadRequest)
      expect(() => parseText(new Uint8Array(bytes), 'text/plain; charset=utf-8')).toThrow(
        'Request body is not valid UTF-8',
      )
    }
  })

  it('refuses an unknown charset with 415 without quoting it back', () => {
    let error: unknown
    try {
      parseText(new Uint8Array([0x61]), 'text/plain; charset=my-secret-charset')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(UnsupportedMediaType)
    expect((error as Error).message).not.toContain('my-secret-charset')
  })

  it('refuses charsets that the Encoding standard maps to "replacement" with 415', () => {
    expect(() => parseText(new Uint8Array([0x61]), 'text/plain; charset=iso-2022-kr')).toThrow(
      UnsupportedMediaType,
    )
  })

  it('refuses a malformed Content-Type with 400', () => {
    expect(() => parseText(new Uint8Array([0x61]), 'text/plain; charset')).toThrow(BadRequest)
  })
})

describe('textBodyParser', () => {
  it('handles text/plain', async () => {
    const parser = textBodyParser()
    expect(parser.mediaTypes).toEqual(['text/plain'])
    expect(await parser.parse(new TextEncoder().encode('x'), 'text/plain')).toBe('x')
  })
})
