import { describe, expect, it } from 'vitest'
import { encodedEntityTag, matchedForm } from '../../src/http/encoded-entity-tag.js'
import { parseEntityTagList } from '../../src/http/entity-tag.js'

// RFC 9110 §8.8.3: a strong entity tag names one representation's bytes; the gzip form of a
// representation is another one, so it needs a tag of its own.
describe('encodedEntityTag', () => {
  it('appends the coding inside the quotes of a strong tag', () => {
    expect(encodedEntityTag('"v1"', 'gzip')).toBe('"v1-gzip"')
    expect(encodedEntityTag('"v1"', 'br')).toBe('"v1-br"')
  })

  it('keeps a weak tag, which already says semantically equivalent', () => {
    expect(encodedEntityTag('W/"v1"', 'gzip')).toBe('W/"v1"')
  })

  it('leaves a value that is not an entity tag alone', () => {
    expect(encodedEntityTag('v1', 'gzip')).toBe('v1')
  })
})

describe('matchedForm', () => {
  const codings = ['br', 'gzip']
  const list = (value: string) => parseEntityTagList(value)

  it('names identity when a listed tag is the current tag itself, or the list is *', () => {
    expect(matchedForm(list('"a", "v1"'), '"v1"', 'strong', codings)).toBe('identity')
    expect(matchedForm(list('*'), '"v1"', 'strong', codings)).toBe('identity')
  })

  it('names the coding whose encoded form a listed tag is (RFC 9110 §13.1.1, §13.1.2)', () => {
    expect(matchedForm(list('"v1-gzip"'), '"v1"', 'strong', codings)).toBe('gzip')
    expect(matchedForm(list('"x", "v1-br"'), '"v1"', 'weak', codings)).toBe('br')
  })

  it('ignores the encoded form of a coding the route does not offer', () => {
    expect(matchedForm(list('"v1-zstd"'), '"v1"', 'strong', codings)).toBeNull()
  })

  it('applies strong comparison for If-Match and weak for If-None-Match to encoded forms too', () => {
    expect(matchedForm(list('W/"v1-gzip"'), '"v1"', 'strong', codings)).toBeNull()
    expect(matchedForm(list('W/"v1-gzip"'), '"v1"', 'weak', codings)).toBe('gzip')
  })

  it('gives a weak current tag no encoded forms, since they share it', () => {
    expect(matchedForm(list('W/"v1-gzip"'), 'W/"v1"', 'weak', codings)).toBeNull()
    expect(matchedForm(list('W/"v1"'), 'W/"v1"', 'weak', codings)).toBe('identity')
  })

  it('matches nothing when the tag of another state is listed, or there is no current tag', () => {
    expect(matchedForm(list('"v2-gzip"'), '"v1"', 'weak', codings)).toBeNull()
    expect(matchedForm(list('"v1-gzip"'), undefined, 'weak', codings)).toBeNull()
  })
})
