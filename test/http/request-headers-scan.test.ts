import { describe, expect, it } from 'vitest'
import { RequestHeaders } from '../../src/http/request-headers.js'

describe('RequestHeaders read from a flat list', () => {
  const flat = [
    'Host',
    'x',
    'Accept',
    'a',
    'ACCEPT',
    'b',
    'Cookie',
    'a=1',
    'cookie',
    'b=2',
    'X-Long-Name',
    'v',
  ]

  it('answers the same before and after it switches from scanning to a map', () => {
    const headers = RequestHeaders.fromFlat(flat)
    const reads = () => [
      headers.get('accept'),
      headers.get('Cookie'),
      headers.get('x-long-name'),
      headers.get('nope'),
    ]
    const expected = ['a, b', 'a=1; b=2', 'v', null]
    for (let i = 0; i < 5; i++) expect(reads()).toEqual(expected)
    expect(headers.getAll('accept')).toEqual(['a', 'b'])
  })
})
