import { describe, expect, it } from 'vitest'
import { ifRangeMatches } from '../../src/http/if-range.js'
import { assertTotal, garbageStrings } from './garbage.js'

const LAST_MODIFIED = Date.UTC(1994, 10, 6, 8, 49, 37)

describe('ifRangeMatches', () => {
  it('matches an entity tag by strong comparison', () => {
    expect(ifRangeMatches('"v2"', { etag: '"v2"' })).toBe(true)
    expect(ifRangeMatches('"v2"', { etag: { weak: false, opaque: 'v2' } })).toBe(true)
    expect(ifRangeMatches('"v1"', { etag: '"v2"' })).toBe(false)
  })

  it('never matches a weak entity tag, on either side', () => {
    expect(ifRangeMatches('W/"v2"', { etag: 'W/"v2"' })).toBe(false)
    expect(ifRangeMatches('"v2"', { etag: 'W/"v2"' })).toBe(false)
  })

  it('matches a date equal to Last-Modified to the second', () => {
    expect(ifRangeMatches('Sun, 06 Nov 1994 08:49:37 GMT', { lastModified: LAST_MODIFIED })).toBe(true)
    expect(ifRangeMatches('Sun, 06 Nov 1994 08:49:37 GMT', { lastModified: LAST_MODIFIED + 999 })).toBe(true)
    expect(ifRangeMatches('Sun, 06 Nov 1994 08:49:37 GMT', { lastModified: new Date(LAST_MODIFIED) })).toBe(
      true,
    )
  })

  it('does not match a date that is earlier or later than Last-Modified', () => {
    expect(ifRangeMatches('Sun, 06 Nov 1994 08:49:38 GMT', { lastModified: LAST_MODIFIED })).toBe(false)
    expect(ifRangeMatches('Sun, 06 Nov 1994 08:49:36 GMT', { lastModified: LAST_MODIFIED })).toBe(false)
  })

  it('does not match when the matching validator is missing', () => {
    expect(ifRangeMatches('"v2"', { lastModified: LAST_MODIFIED })).toBe(false)
    expect(ifRangeMatches('"v2"', { etag: null })).toBe(false)
    expect(ifRangeMatches('"v2"', { etag: 'garbage' })).toBe(false)
    expect(ifRangeMatches('Sun, 06 Nov 1994 08:49:37 GMT', { etag: '"v2"' })).toBe(false)
  })

  it('does not match an unparseable value', () => {
    expect(ifRangeMatches('v2', { etag: '"v2"' })).toBe(false)
    expect(ifRangeMatches('', { etag: '""' })).toBe(false)
    expect(ifRangeMatches('"v2", "v3"', { etag: '"v2"' })).toBe(false)
  })

  it('never throws on garbage', () => {
    assertTotal(
      (value) => ifRangeMatches(value, { etag: '"a"', lastModified: LAST_MODIFIED }),
      garbageStrings(2000, ['"a"', 'W/', 'Sun, 06 Nov 1994 08:49:37 GMT']),
    )
  })
})
