import { describe, expect, it } from 'vitest'
import { RequestHeaders } from '../../src/http/request-headers.js'

/** A Web `Headers` as a Fetch runtime hands it over: names as the client wrote them, lines repeated. */
function webHeaders(): Headers {
  const headers = new Headers()
  headers.append('Host', 'api.example.com')
  headers.append('Accept', 'application/json')
  headers.append('ACCEPT', 'text/html;q=0.5')
  headers.append('Cookie', 'a=1')
  headers.append('Content-Type', 'application/json; charset=utf-8')
  headers.append('X-Request-Id', 'abc')
  return headers
}

describe('RequestHeaders read in place from a Web Headers object', () => {
  const names = ['accept', 'Accept', 'cookie', 'content-type', 'x-request-id', 'missing', 'host']

  it('answers every read exactly as a copy of the same headers does', () => {
    const view = RequestHeaders.fromWeb(webHeaders())
    const copy = RequestHeaders.from(webHeaders())
    for (const name of names) {
      expect(view.get(name)).toBe(copy.get(name))
      expect(view.getAll(name)).toEqual(copy.getAll(name))
      expect(view.has(name)).toBe(copy.has(name))
    }
    expect([...view.entries()]).toEqual([...copy.entries()])
    expect([...view.keys()]).toEqual([...copy.keys()])
    expect(view.toJSON()).toEqual(copy.toJSON())
  })

  it('still answers single reads after something listed every field', () => {
    const view = RequestHeaders.fromWeb(webHeaders())
    expect([...view.keys()]).toContain('x-request-id')
    expect(view.get('ACCEPT')).toBe('application/json, text/html;q=0.5')
    expect(view.getAll('cookie')).toEqual(['a=1'])
  })

  it('treats a name that is not a valid field name as absent instead of throwing', () => {
    const view = RequestHeaders.fromWeb(webHeaders())
    expect(view.get('not a name')).toBeNull()
    expect(view.has('bad:name')).toBe(false)
    expect(view.getAll('x y')).toEqual([])
  })
})
