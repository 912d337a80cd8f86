import { describe, expect, it } from 'vitest'
import {
  type CorsOptions,
  isOriginAllowed,
  isPreflight,
  preflightHeaders,
  responseHeaders,
  validateCorsOptions,
} from '../../src/http/cors.js'

const APP = 'https://app.example.com'
const EVIL = 'https://evil.example'
const VARY_PREFLIGHT = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers'

describe('validateCorsOptions', () => {
  it('accepts serialized origins, the wildcard and predicates', () => {
    expect(() =>
      validateCorsOptions({ origins: [APP, 'http://localhost:3000', 'http://[::1]:8080'] }),
    ).not.toThrow()
    expect(() => validateCorsOptions({ origins: ['chrome-extension://abcdef'] })).not.toThrow()
    expect(() => validateCorsOptions({ origins: '*' })).not.toThrow()
    expect(() => validateCorsOptions({ origins: () => true, credentials: true })).not.toThrow()
    expect(() => validateCorsOptions({ origins: [] })).not.toThrow()
  })

  it("refuses '*' together with credentials (Fetch §3.2.5)", () => {
    expect(() => validateCorsOptions({ origins: '*', credentials: true })).toThrow(
      /cannot be combined with credentials/,
    )
  })

  it('refuses origins with a path, a trailing slash, credentials, a default port or upper case, naming the fix', () => {
    const cases: [string, string][] = [
      ['https://example.com/', 'https://example.com'],
      ['https://example.com/api', 'https://example.com'],
      ['https://example.com:443', 'https://example.com'],
      ['https://Example.com', 'https://example.com'],
      ['https://user:pw@example.com', 'https://example.com'],
      ['https://example.com?x', 'https://example.com'],
    ]
    for (const [origin, fix] of cases) {
      expect(() => validateCorsOptions({ origins: [origin] }), origin).toThrow(`write "${fix}"`)
    }
  })

  it('refuses values that are not origins at all', () => {
    for (const origin of ['example.com', '', 'https://', 'mailto:a@b.c', 'not a url', '*.example.com']) {
      expect(() => validateCorsOptions({ origins: [origin] }), origin).toThrow(TypeError)
    }
  })

  it("refuses '*' inside the list and the 'null' origin", () => {
    expect(() => validateCorsOptions({ origins: ['*'] })).toThrow(/origins: '\*'/)
    expect(() => validateCorsOptions({ origins: ['null'] })).toThrow(/sandboxed/)
  })

  it('refuses invalid method and header names', () => {
    expect(() => validateCorsOptions({ origins: '*', methods: ['GET POST'] })).toThrow(/method name/)
    expect(() => validateCorsOptions({ origins: '*', methods: ['*'] })).toThrow(/omit the option/)
    expect(() => validateCorsOptions({ origins: '*', allowHeaders: ['x y'] })).toThrow(/field name/)
    expect(() => validateCorsOptions({ origins: '*', exposeHeaders: ['a:b'] })).toThrow(/field name/)
  })

  it("allows the header wildcard '*' only without credentials", () => {
    expect(() =>
      validateCorsOptions({ origins: '*', allowHeaders: ['*'], exposeHeaders: ['*'] }),
    ).not.toThrow()
    expect(() => validateCorsOptions({ origins: [APP], credentials: true, allowHeaders: ['*'] })).toThrow(
      /literal name on credentialed requests/,
    )
    expect(() => validateCorsOptions({ origins: [APP], credentials: true, exposeHeaders: ['*'] })).toThrow(
      TypeError,
    )
  })

  it('refuses a maxAge that is not a whole number of seconds', () => {
    for (const maxAge of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => validateCorsOptions({ origins: '*', maxAge }), String(maxAge)).toThrow(/maxAge/)
    }
    expect(() => validateCorsOptions({ origins: '*', maxAge: 0 })).not.toThrow()
  })

  it('refuses origins of the wrong type', () => {
    expect(() => validateCorsOptions({ origins: 'https://a.example' } as unknown as CorsOptions)).toThrow(
      TypeError,
    )
  })
})

describe('isPreflight', () => {
  const headers = (init: Record<string, string>) => new Headers(init)

  it('recognises OPTIONS with Origin and Access-Control-Request-Method (Fetch §3.2.2)', () => {
    expect(isPreflight('OPTIONS', headers({ origin: APP, 'access-control-request-method': 'PUT' }))).toBe(
      true,
    )
  })

  it('does not treat a plain OPTIONS request or another method as a preflight', () => {
    expect(isPreflight('OPTIONS', headers({ origin: APP }))).toBe(false)
    expect(isPreflight('OPTIONS', headers({ 'access-control-request-method': 'PUT' }))).toBe(false)
    expect(isPreflight('OPTIONS', headers({ origin: APP, 'access-control-request-method': '' }))).toBe(false)
    expect(isPreflight('GET', headers({ origin: APP, 'access-control-request-method': 'PUT' }))).toBe(false)
    expect(isPreflight('options', headers({ origin: APP, 'access-control-request-method': 'PUT' }))).toBe(
      false,
    )
  })

  it('works with any object that has a get method', () => {
    const map = new Map([
      ['origin', APP],
      ['access-control-request-method', 'DELETE'],
    ])
    expect(isPreflight('OPTIONS', { get: (name) => map.get(name) })).toBe(true)
  })
})

describe('isOriginAllowed', () => {
  it('compares listed origins exactly', () => {
    expect(isOriginAllowed({ origins: [APP] }, APP)).toBe(true)
    expect(isOriginAllowed({ origins: [APP] }, 'https://APP.example.com')).toBe(false)
    expect(isOriginAllowed({ origins: [APP] }, `${APP}.evil.example`)).toBe(false)
    expect(isOriginAllowed({ origins: [APP] }, 'null')).toBe(false)
  })

  it('never allows a missing or empty origin', () => {
    expect(isOriginAllowed({ origins: '*' }, null)).toBe(false)
    expect(isOriginAllowed({ origins: '*' }, '')).toBe(false)
  })

  it('asks a predicate and needs a true answer', () => {
    const options: CorsOptions = { origins: (origin) => origin.endsWith('.example.com') }
    expect(isOriginAllowed(options, APP)).toBe(true)
    expect(isOriginAllowed(options, EVIL)).toBe(false)
  })
})

describe('preflightHeaders', () => {
  const routeMethods = ['GET', 'HEAD', 'PUT', 'DELETE']

  it('echoes an allowed origin and lists the route’s methods', () => {
    expect(preflightHeaders({ origins: [APP] }, { origin: APP, requestMethod: 'PUT' }, routeMethods)).toEqual(
      {
        'access-control-allow-origin': APP,
        'access-control-allow-methods': 'GET, HEAD, PUT, DELETE',
        vary: VARY_PREFLIGHT,
      },
    )
  })

  it('returns null for an origin that is not allowed', () => {
    expect(
      preflightHeaders({ origins: [APP] }, { origin: EVIL, requestMethod: 'PUT' }, routeMethods),
    ).toBeNull()
  })

  it('returns null for a method the route does not have or the options do not allow', () => {
    const options: CorsOptions = { origins: [APP], methods: ['GET', 'PUT', 'PATCH'] }
    expect(preflightHeaders(options, { origin: APP, requestMethod: 'DELETE' }, routeMethods)).toBeNull()
    expect(preflightHeaders(options, { origin: APP, requestMethod: 'PATCH' }, routeMethods)).toBeNull()
    expect(preflightHeaders(options, { origin: APP, requestMethod: 'put' }, routeMethods)).toBeNull()
  })

  it('lists only the route’s methods that the options allow', () => {
    const options: CorsOptions = { origins: [APP], methods: ['GET', 'PUT', 'PATCH'] }
    const headers = preflightHeaders(options, { origin: APP, requestMethod: 'PUT' }, routeMethods)
    expect(headers?.['access-control-allow-methods']).toBe('GET, PUT')
  })

  it('sends the configured allowed headers when every requested one is among them, in any case', () => {
    const options: CorsOptions = { origins: [APP], allowHeaders: ['Content-Type', 'Authorization'] }
    const request = { origin: APP, requestMethod: 'PUT', requestHeaders: 'authorization,content-type' }
    expect(preflightHeaders(options, request, routeMethods)?.['access-control-allow-headers']).toBe(
      'Content-Type, Authorization',
    )
  })

  it('returns null when one requested header is not allowed, like a browser’s preflight check (Fetch §4.8)', () => {
    const options: CorsOptions = { origins: [APP], allowHeaders: ['Content-Type'], credentials: true }
    for (const requestHeaders of ['x-other', 'content-type,x-other', 'content-type, bad header']) {
      expect(
        preflightHeaders(options, { origin: APP, requestMethod: 'PUT', requestHeaders }, routeMethods),
      ).toBeNull()
    }
  })

  it("lets '*' cover any requested header except Authorization, which must be listed by name", () => {
    const wildcard: CorsOptions = { origins: [APP], allowHeaders: ['*'] }
    const asked = (requestHeaders: string) =>
      preflightHeaders(wildcard, { origin: APP, requestMethod: 'PUT', requestHeaders }, routeMethods)
    expect(asked('x-anything, content-type')?.['access-control-allow-headers']).toBe('*')
    expect(asked('x-anything, authorization')).toBeNull()
    const listed: CorsOptions = { origins: [APP], allowHeaders: ['*', 'Authorization'] }
    expect(
      preflightHeaders(
        listed,
        { origin: APP, requestMethod: 'PUT', requestHeaders: 'authorization' },
        routeMethods,
      )?.['access-control-allow-headers'],
    ).toBe('*, Authorization')
  })

  it('echoes the requested headers when none are configured, skipping empty items', () => {
    const request = { origin: APP, requestMethod: 'PUT', requestHeaders: ' Content-Type ,x-a,,X-A' }
    expect(
      preflightHeaders({ origins: [APP] }, request, routeMethods)?.['access-control-allow-headers'],
    ).toBe('content-type, x-a')
  })

  it('returns null when a requested header is not a field name, even with nothing configured', () => {
    const request = { origin: APP, requestMethod: 'PUT', requestHeaders: 'x-a, bad header' }
    expect(preflightHeaders({ origins: [APP] }, request, routeMethods)).toBeNull()
  })

  it('leaves out Access-Control-Allow-Headers when nothing is requested or configured', () => {
    const headers = preflightHeaders({ origins: [APP] }, { origin: APP, requestMethod: 'GET' }, routeMethods)
    expect(headers).not.toHaveProperty('access-control-allow-headers')
  })

  it('sends Max-Age and Allow-Credentials when configured', () => {
    const options: CorsOptions = { origins: [APP], credentials: true, maxAge: 600 }
    expect(preflightHeaders(options, { origin: APP, requestMethod: 'GET' }, routeMethods)).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-max-age': '600',
    })
  })

  it("answers '*' for any origin when origins is '*' without credentials", () => {
    const headers = preflightHeaders({ origins: '*' }, { origin: EVIL, requestMethod: 'GET' }, routeMethods)
    expect(headers?.['access-control-allow-origin']).toBe('*')
    expect(headers?.vary).toBe('Access-Control-Request-Method, Access-Control-Request-Headers')
  })

  it('echoes the origin when a predicate allows it, with credentials', () => {
    const options: CorsOptions = { origins: (origin) => origin === EVIL, credentials: true }
    const headers = preflightHeaders(options, { origin: EVIL, requestMethod: 'GET' }, routeMethods)
    expect(headers?.['access-control-allow-origin']).toBe(EVIL)
    expect(headers?.['access-control-allow-credentials']).toBe('true')
  })

  it('validates options it has not seen, so a wildcard with credentials never reaches a browser', () => {
    expect(() =>
      preflightHeaders({ origins: '*', credentials: true }, { origin: EVIL, requestMethod: 'GET' }, ['GET']),
    ).toThrow(TypeError)
  })
})

describe('responseHeaders', () => {
  it('echoes an allowed origin with Vary: Origin and the exposed headers', () => {
    const options: CorsOptions = { origins: [APP], exposeHeaders: ['ETag', 'Location'] }
    expect(responseHeaders(options, APP)).toEqual({
      'access-control-allow-origin': APP,
      'access-control-expose-headers': 'ETag, Location',
      vary: 'Origin',
    })
  })

  it('sends Allow-Credentials when configured', () => {
    expect(responseHeaders({ origins: [APP], credentials: true }, APP)).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    })
  })

  it('sends only Vary: Origin for an origin that is not allowed or absent', () => {
    expect(responseHeaders({ origins: [APP] }, EVIL)).toEqual({ vary: 'Origin' })
    expect(responseHeaders({ origins: [APP] }, null)).toEqual({ vary: 'Origin' })
    expect(responseHeaders({ origins: () => false }, APP)).toEqual({ vary: 'Origin' })
  })

  it("answers '*' whatever the origin when origins is '*', so nothing varies", () => {
    expect(responseHeaders({ origins: '*' }, EVIL)).toEqual({ 'access-control-allow-origin': '*' })
    expect(responseHeaders({ origins: '*' }, undefined)).toEqual({ 'access-control-allow-origin': '*' })
  })

  it('leaves out Expose-Headers when the list is empty', () => {
    expect(responseHeaders({ origins: [APP], exposeHeaders: [] }, APP)).not.toHaveProperty(
      'access-control-expose-headers',
    )
  })
})
