import { describe, expect, it } from 'vitest'
import { toWebResponse } from '../../src/app/web-fetch.js'
import { RestResponse } from '../../src/index.js'

describe('toWebResponse builds the Web headers from the core header record', () => {
  it('copies single-valued headers as they are', async () => {
    const response = toWebResponse(
      new RestResponse(200, { 'content-type': 'application/json', etag: '"v1"' }, '{"a":1}'),
      'GET',
    )
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('etag')).toBe('"v1"')
    expect(await response.text()).toBe('{"a":1}')
  })

  it('keeps every Set-Cookie value a field of its own (RFC 6265 §3), next to single-valued headers', () => {
    const response = toWebResponse(
      new RestResponse(204, { 'set-cookie': ['a=1; Path=/', 'b=2; Path=/'], vary: 'Cookie' }),
      'GET',
    )
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/'])
    expect(response.headers.get('vary')).toBe('Cookie')
  })

  it('answers HEAD without content and with the Content-Length the string body has', async () => {
    const response = toWebResponse(new RestResponse(200, { 'content-type': 'text/plain' }, 'héllo'), 'HEAD')
    expect(response.headers.get('content-length')).toBe('6')
    expect(await response.text()).toBe('')
  })
})
