import { describe, expect, it } from 'vitest'
import * as http from '../../src/http/index.js'

describe('the http room index', () => {
  it('exposes every public helper of the room', () => {
    const expected = [
      'appendVary',
      'buildMultipartByteRanges',
      'coalesceRanges',
      'formatContentRange',
      'formatEntityTag',
      'formatHttpDate',
      'formatMediaType',
      'formatUnsatisfiedContentRange',
      'ifRangeMatches',
      'isBodylessStatus',
      'isJsonMediaType',
      'isModifiedSince',
      'isToken',
      'languageQuality',
      'matchesAny',
      'mediaTypeMatches',
      'mediaTypeQuality',
      'negotiateCharset',
      'negotiateEncoding',
      'negotiateLanguage',
      'negotiateMediaType',
      'parseAccept',
      'parseCookieHeader',
      'parseEntityTag',
      'parseEntityTagList',
      'parseHttpDate',
      'parseMediaType',
      'parseQValue',
      'parseRange',
      'parseWeightedList',
      'reasonPhrase',
      'RequestHeaders',
      'serializeCookie',
      'strongCompare',
      'tokenQuality',
      'toWholeSeconds',
      'weakCompare',
    ]
    for (const name of expected) expect(typeof (http as Record<string, unknown>)[name], name).toBe('function')
  })

  it('works end to end for a conditional range request', () => {
    const etag = http.formatEntityTag({ weak: false, opaque: 'v1' })
    const list = http.parseEntityTagList(`W/"v0", ${etag}`)
    expect(http.matchesAny(list, etag, 'strong')).toBe(true)
    const range = http.parseRange('bytes=0-4', 10)
    expect(range).toEqual({ kind: 'satisfiable', ranges: [{ start: 0, end: 4 }] })
  })
})
