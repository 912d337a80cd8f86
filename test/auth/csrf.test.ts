import { describe, expect, it } from 'vitest'
import { assertSameOrigin, isUnsafeMethod, ownOrigin, requestIsHttps } from '../../src/auth/index.js'
import { RequestHeaders } from '../../src/http/request-headers.js'
import { RestRequest } from '../../src/http/rest-request.js'

const request = (method: string, fields: Record<string, string | string[]>, secure = false) =>
  new RestRequest({
    method,
    path: '/logout',
    headers: RequestHeaders.from({ host: 'app.example:8000', ...fields }),
    secure,
  })

const refused = (run: () => void) => {
  try {
    run()
    return undefined
  } catch (error) {
    return (error as { status?: number }).status
  }
}

describe('assertSameOrigin (CSRF for cookie-authenticated unsafe methods)', () => {
  it('refuses a foreign, opaque, malformed or repeated Origin with 403', () => {
    for (const origin of [
      'http://evil.example',
      'null',
      'http://app.example:8001',
      'https://app.example:8000',
      '::',
    ]) {
      expect(refused(() => assertSameOrigin(request('POST', { origin })))).toBe(403)
    }
    expect(
      refused(() => assertSameOrigin(request('POST', { origin: ['http://app.example:8000', 'x'] }))),
    ).toBe(403)
  })

  it('refuses Sec-Fetch-Site: cross-site even without Origin', () => {
    expect(refused(() => assertSameOrigin(request('DELETE', { 'sec-fetch-site': 'cross-site' })))).toBe(403)
  })

  it('lets the own origin (any case, default port), same-site and header-less requests through', () => {
    const cases: Record<string, string>[] = [
      { origin: 'http://app.example:8000' },
      { origin: 'HTTP://APP.EXAMPLE:8000' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'none' },
      {},
    ]
    for (const fields of cases) {
      expect(refused(() => assertSameOrigin(request('PUT', fields)))).toBeUndefined()
    }
    const defaultPort = new RestRequest({
      method: 'POST',
      path: '/',
      headers: RequestHeaders.from({ host: 'app.example:443', origin: 'https://app.example' }),
      secure: true,
    })
    expect(refused(() => assertSameOrigin(defaultPort))).toBeUndefined()
  })

  it('never checks safe methods', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'TRACE']) {
      expect(isUnsafeMethod(method)).toBe(false)
      expect(
        refused(() => assertSameOrigin(request(method, { origin: 'http://evil.example' }))),
      ).toBeUndefined()
    }
    expect(isUnsafeMethod('PATCH')).toBe(true)
  })

  it('accepts configured origins and, behind a trusted proxy, the forwarded one', () => {
    const spa = request('POST', { origin: 'https://spa.example' })
    expect(refused(() => assertSameOrigin(spa, { allowedOrigins: ['https://spa.example/'] }))).toBeUndefined()
    const proxied = request('POST', {
      origin: 'https://public.example',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'public.example',
    })
    expect(refused(() => assertSameOrigin(proxied))).toBe(403)
    expect(refused(() => assertSameOrigin(proxied, { trustProxy: true }))).toBeUndefined()
  })
})

describe('requestIsHttps and ownOrigin', () => {
  it('reads X-Forwarded-Proto only from a trusted proxy', () => {
    const proxied = request('GET', { 'x-forwarded-proto': 'https' })
    expect(requestIsHttps(proxied)).toBe(false)
    expect(requestIsHttps(proxied, { trustProxy: true })).toBe(true)
    expect(requestIsHttps(request('GET', {}, true))).toBe(true)
  })

  it('is undefined for a Host that is no host', () => {
    expect(ownOrigin(request('GET', { host: 'a b' }))).toBeUndefined()
    expect(ownOrigin(request('GET', { host: 'evil.example/path' }))).toBeUndefined()
  })
})
