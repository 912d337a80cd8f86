import { describe, expect, it } from 'vitest'
import { appendVary } from '../../src/http/vary.js'
import { assertTotal, garbageStrings } from './garbage.js'

describe('appendVary', () => {
  it('creates a Vary value when there is none', () => {
    expect(appendVary(null, ['Accept'])).toBe('Accept')
    expect(appendVary(undefined, ['Accept', 'Accept-Language'])).toBe('Accept, Accept-Language')
    expect(appendVary('', ['Origin'])).toBe('Origin')
  })

  it('appends to existing members, keeping their order', () => {
    expect(appendVary('Accept-Encoding', ['Accept'])).toBe('Accept-Encoding, Accept')
  })

  it('de-duplicates case-insensitively and keeps the first spelling', () => {
    expect(appendVary('accept, Origin', ['Accept', 'ORIGIN', 'Cookie', 'cookie'])).toBe(
      'accept, Origin, Cookie',
    )
    expect(appendVary('Accept, accept', [])).toBe('Accept')
  })

  it('lets * absorb everything, from either side (RFC 9110 §12.5.5)', () => {
    expect(appendVary('*', ['Accept'])).toBe('*')
    expect(appendVary('Accept', ['*'])).toBe('*')
    expect(appendVary('Accept, *', [])).toBe('*')
    expect(appendVary(null, ['Accept', '*', 'Origin'])).toBe('*')
  })

  it('normalises whitespace and drops empty members', () => {
    expect(appendVary(' Accept ,, \tOrigin\t, ', [])).toBe('Accept, Origin')
    expect(appendVary(' , ', [])).toBe('')
    expect(appendVary(null, [])).toBe('')
  })

  it('throws a TypeError for a name that is neither a token nor *', () => {
    for (const name of ['', 'Accept Language', 'Accept,Origin', 'a:b', 'é']) {
      expect(() => appendVary(null, [name]), name).toThrow(TypeError)
    }
  })

  it('never throws on a garbage existing value', () => {
    assertTotal((value) => appendVary(value, ['Accept']), garbageStrings(2000, ['Accept', ', ', '*']))
  })
})
