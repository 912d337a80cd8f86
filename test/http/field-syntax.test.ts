import { describe, expect, it } from 'vitest'
import {
  dropUnsendableFields,
  isFieldName,
  isFieldValue,
  unsendableField,
} from '../../src/http/field-syntax.js'

describe('field syntax of a response (RFC 9110 §5.1, §5.5)', () => {
  it('takes tokens as names, known or not, in any case', () => {
    for (const name of ['content-type', 'X-Echo', 'x-custom_field', "a!#$%&'*+.^_`|~9"]) {
      expect(isFieldName(name)).toBe(true)
    }
  })

  it('refuses an empty name and names with a space, a colon, CR, LF or a non-ASCII letter', () => {
    for (const name of ['', 'x echo', 'x:echo', 'x\r\nInjected', 'x\0', 'é'])
      expect(isFieldName(name)).toBe(false)
  })

  it('takes values of visible ASCII, SP, HTAB and obs-text octets', () => {
    for (const value of ['', 'text/plain; charset=utf-8', 'a\tb', '"W/x"', 'caf\u00e9']) {
      expect(isFieldValue(value)).toBe(true)
    }
  })

  it('refuses values with CR, LF, NUL, another control character or a unit above 0xFF', () => {
    for (const value of ['a\rb', 'a\nb', 'a\0b', 'a\u0001b', 'a\u007fb', 'a\u010ab', 'a\u2028b']) {
      expect(isFieldValue(value)).toBe(false)
    }
  })

  it('names the first field of a record that cannot be sent, looking into Set-Cookie lists', () => {
    expect(unsendableField({ 'content-type': 'text/plain', vary: 'Accept' })).toBeUndefined()
    expect(unsendableField({ 'content-type': 'text/plain', 'x-echo': 'a\nb' })).toBe('x-echo')
    expect(unsendableField({ 'set-cookie': ['a=1', 'b=2\r\nInjected: yes'] })).toBe('set-cookie')
    expect(unsendableField({ 'bad name': 'ok' })).toBe('bad name')
  })

  it('refuses a value that is neither a string nor a list of strings', () => {
    expect(unsendableField({ 'x-n': 5 as unknown as string })).toBe('x-n')
    expect(unsendableField({ 'x-u': undefined as unknown as string })).toBe('x-u')
    expect(unsendableField({ 'set-cookie': [7 as unknown as string] })).toBe('set-cookie')
  })

  it('drops every unsendable field and keeps the others', () => {
    const headers = { 'x-one': 'a\nb', vary: 'Accept', 'x two': 'c', 'set-cookie': ['ok=1'] }
    expect(dropUnsendableFields(headers)).toEqual(['x-one', 'x two'])
    expect(headers).toEqual({ vary: 'Accept', 'set-cookie': ['ok=1'] })
  })

  it('refuses an unsendable value however many sendable ones it has seen before', () => {
    for (let i = 0; i < 2000; i++) expect(unsendableField({ [`x-n${i}`]: `v${i}` })).toBeUndefined()
    expect(unsendableField({ 'x-n1': 'v1\nInjected: yes' })).toBe('x-n1')
    expect(unsendableField({ 'x n1': 'v1' })).toBe('x n1')
  })
})
