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

  it('lets Origin: null through only with Sec-Fetch-Site: same-origin (a form under Referrer-Policy: no-referrer)', () => {
    expect(
      refused(() => assertSameOrigin(request('POST', { origin: 'null', 'sec-fetch-site': 'same-origin' }))),
    ).toBe(undefined)
    for (const site of ['same-site', 'cross-site', 'none']) {
      expect(
        refused(() => assertSameOrigin(request('POST', { origin: 'null', 'sec-fetch-site': site }))),
      ).toBe(403)
    }
    expect(
      refused(() =>
        assertSameOrigin(
          request('POST', { origin: 'null', 'sec-fetch-site': ['same-origin', 'cross-site'] }),
        ),
      ),
    ).toBe(403)
    expect(
      refused(() =>
        assertSameOrigin(request('POST', { origin: 'null', referer: 'http://app.example:8000/' })),
      ),
    ).toBe(403)
  })

  it('refuses Sec-Fetch-Site: cross-site even without Origin', () => {
    expect(refused(() => assertSameOrigin(request('DELETE', { 'sec-fetch-site': 'cross-site' })))).toBe(403)
  })

  it('lets the own origin (any case, default port) and same-site requests through', () => {
    const cases: Record<string, string>[] = [
      { origin: 'http://app.example:8000' },
      { origin: 'HTTP://APP.EXAMPLE:8000' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'none' },
      { referer: 'http://app.example:8000/account?tab=1' },
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

  it('refuses an unsafe request with no Origin, Referer or Sec-Fetch-Site, unless requireOrigin is false', () => {
    const cases: Record<string, string>[] = [{}, { referer: '' }, { 'sec-fetch-site': 'bogus' }]
    for (const fields of cases) {
      expect(refused(() => assertSameOrigin(request('POST', fields)))).toBe(403)
      expect(
        refused(() => assertSameOrigin(request('POST', fields), { requireOrigin: false })),
      ).toBeUndefined()
    }
  })

  it('falls back to the Referer’s origin when Origin is absent', () => {
    for (const referer of [
      'http://evil.example/attack.html',
      'https://app.example:8000/',
      '//evil.example/page',
      'about:blank',
      'http://',
    ]) {
      expect(
        refused(() => assertSameOrigin(request('POST', { referer }))),
        referer,
      ).toBe(403)
      expect(refused(() => assertSameOrigin(request('POST', { referer }), { requireOrigin: false }))).toBe(
        403,
      )
    }
    // RFC 9110 §10.1.3: a partial URI is relative to the target URI, i.e. the own origin.
    expect(refused(() => assertSameOrigin(request('POST', { referer: '/account' })))).toBeUndefined()
    expect(
      refused(() =>
        assertSameOrigin(request('POST', { referer: 'https://spa.example/app' }), {
          allowedOrigins: ['https://spa.example'],
        }),
      ),
    ).toBeUndefined()
    expect(
      refused(() =>
        assertSameOrigin(request('POST', { referer: ['http://app.example:8000/', 'http://evil.example/'] })),
      ),
    ).toBe(403)
  })

  it('judges by Origin when both are present, and by Sec-Fetch-Site: cross-site before both', () => {
    const own = 'http://app.example:8000'
    expect(
      refused(() => assertSameOrigin(request('POST', { origin: own, referer: 'http://evil.example/' }))),
    ).toBeUndefined()
    expect(
      refused(() => assertSameOrigin(request('POST', { origin: 'http://evil.example', referer: `${own}/` }))),
    ).toBe(403)
    expect(
      refused(() =>
        assertSameOrigin(
          request('POST', { origin: own, referer: `${own}/`, 'sec-fetch-site': 'cross-site' }),
        ),
      ),
    ).toBe(403)
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
