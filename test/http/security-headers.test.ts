import { describe, expect, it } from 'vitest'
import {
  createNonce,
  defaultCspDirectives,
  type SecurityHeadersOptions,
  securityHeaders,
  usesNonce,
} from '../../src/http/security-headers.js'

describe('securityHeaders', () => {
  it('sends API defaults with lower-case names', () => {
    expect(securityHeaders()).toEqual({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    })
  })

  it('turns each header off with false', () => {
    const headers = securityHeaders({
      contentTypeOptions: false,
      referrerPolicy: false,
      frameOptions: false,
      crossOriginOpenerPolicy: false,
      crossOriginResourcePolicy: false,
      contentSecurityPolicy: false,
    })
    expect(headers).toEqual({})
  })

  it('overrides each header with a string', () => {
    const headers = securityHeaders({
      referrerPolicy: 'strict-origin-when-cross-origin',
      frameOptions: 'SAMEORIGIN',
      crossOriginOpenerPolicy: 'same-origin-allow-popups',
      crossOriginResourcePolicy: 'cross-origin',
      crossOriginEmbedderPolicy: 'require-corp',
      contentSecurityPolicy: "default-src 'self'",
    })
    expect(headers).toMatchObject({
      'referrer-policy': 'strict-origin-when-cross-origin',
      'x-frame-options': 'SAMEORIGIN',
      'cross-origin-opener-policy': 'same-origin-allow-popups',
      'cross-origin-resource-policy': 'cross-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'content-security-policy': "default-src 'self'",
    })
  })

  it('returns a fresh object each time, so callers may change it', () => {
    const options: SecurityHeadersOptions = {}
    const first = securityHeaders(options)
    first['x-frame-options'] = 'changed'
    expect(securityHeaders(options)['x-frame-options']).toBe('DENY')
  })

  it('refuses CR, LF and NUL in a value (header injection)', () => {
    expect(() => securityHeaders({ referrerPolicy: 'no-referrer\r\nset-cookie: a=b' })).toThrow(TypeError)
    expect(() => securityHeaders({ contentSecurityPolicy: "default-src 'none'\n" })).toThrow(TypeError)
  })
})

describe('Strict-Transport-Security', () => {
  it('is off by default because it belongs on HTTPS responses only', () => {
    expect(securityHeaders()).not.toHaveProperty('strict-transport-security')
  })

  it('means one year with subdomains when true', () => {
    expect(securityHeaders({ strictTransportSecurity: true })['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    )
  })

  it('is built from its options (RFC 6797 §6.1)', () => {
    const hsts = (strictTransportSecurity: SecurityHeadersOptions['strictTransportSecurity']) =>
      securityHeaders({ strictTransportSecurity })['strict-transport-security']
    expect(hsts({ maxAge: 300 })).toBe('max-age=300')
    expect(hsts({ maxAge: 0 })).toBe('max-age=0')
    expect(hsts({ maxAge: 63072000, includeSubDomains: true, preload: true })).toBe(
      'max-age=63072000; includeSubDomains; preload',
    )
    expect(hsts('max-age=5')).toBe('max-age=5')
  })

  it('refuses preload without includeSubDomains or a year of max-age', () => {
    expect(() => securityHeaders({ strictTransportSecurity: { maxAge: 31536000, preload: true } })).toThrow(
      /preload needs/,
    )
    expect(() =>
      securityHeaders({ strictTransportSecurity: { maxAge: 60, includeSubDomains: true, preload: true } }),
    ).toThrow(/preload needs/)
  })

  it('refuses a max-age that is not a whole number of seconds', () => {
    expect(() => securityHeaders({ strictTransportSecurity: { maxAge: -1 } })).toThrow(/maxAge/)
    expect(() => securityHeaders({ strictTransportSecurity: { maxAge: 1.5 } })).toThrow(/maxAge/)
  })
})

describe('Content-Security-Policy', () => {
  const csp = (policy: SecurityHeadersOptions['contentSecurityPolicy'], nonce?: string) =>
    securityHeaders({ contentSecurityPolicy: policy }, { nonce })['content-security-policy']

  it('serialises directives in order, joined with "; " (CSP3 §2.2.1)', () => {
    expect(csp({ 'default-src': ["'self'"], 'img-src': ["'self'", 'https://cdn.example'] })).toBe(
      "default-src 'self'; img-src 'self' https://cdn.example",
    )
  })

  it('accepts camelCase names, space-separated strings and valueless directives', () => {
    expect(csp({ scriptSrc: "'self'  'strict-dynamic'", upgradeInsecureRequests: true, sandbox: [] })).toBe(
      "script-src 'self' 'strict-dynamic'; upgrade-insecure-requests; sandbox",
    )
  })

  it('leaves out directives set to false or undefined', () => {
    expect(csp({ 'default-src': ["'none'"], 'img-src': false, 'font-src': undefined })).toBe(
      "default-src 'none'",
    )
  })

  it("replaces the 'nonce' source with the response's nonce", () => {
    const policy = { 'script-src': ["'nonce'", "'strict-dynamic'"], 'style-src': "'nonce'" }
    expect(csp(policy, 'abc123==')).toBe(
      "script-src 'nonce-abc123==' 'strict-dynamic'; style-src 'nonce-abc123=='",
    )
    expect(csp("script-src 'nonce'", 'xyz')).toBe("script-src 'nonce-xyz'")
  })

  it("drops the 'nonce' source when there is no nonce, so nothing it guarded can run", () => {
    expect(csp({ 'script-src': ["'nonce'", "'strict-dynamic'"], 'style-src': ["'nonce'"] })).toBe(
      "script-src 'strict-dynamic'; style-src",
    )
  })

  it('uses a new nonce on every call with the same options', () => {
    const options: SecurityHeadersOptions = { contentSecurityPolicy: { 'script-src': ["'nonce'"] } }
    expect(securityHeaders(options, { nonce: 'one' })['content-security-policy']).toBe(
      "script-src 'nonce-one'",
    )
    expect(securityHeaders(options, { nonce: 'two' })['content-security-policy']).toBe(
      "script-src 'nonce-two'",
    )
  })

  it('refuses a nonce that is not base64, which could break out of the header', () => {
    for (const nonce of ["a'; script-src *", 'a b', '', 'a\r\nb', 'ab===']) {
      expect(() => securityHeaders({}, { nonce }), nonce).toThrow(/nonce must be base64/)
    }
  })

  it('refuses invalid directive names and sources', () => {
    expect(() => csp({ 'script src': ["'self'"] })).toThrow(/directive name/)
    expect(() => csp({ 'script-src': ["'self'; img-src *"] })).toThrow(/CSP source/)
    expect(() => csp({ 'script-src': ['a,b'] })).toThrow(/CSP source/)
  })

  it('sends a report-only policy alongside, when asked', () => {
    const headers = securityHeaders(
      { contentSecurityPolicyReportOnly: { 'script-src': ["'nonce'"], 'report-to': 'csp' } },
      { nonce: 'n1' },
    )
    expect(headers['content-security-policy-report-only']).toBe("script-src 'nonce-n1'; report-to csp")
    expect(headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'")
  })

  it('exposes the default directives for spreading', () => {
    expect(csp({ ...defaultCspDirectives, 'img-src': ["'self'"] })).toBe(
      "default-src 'none'; frame-ancestors 'none'; img-src 'self'",
    )
    expect(Object.isFrozen(defaultCspDirectives)).toBe(true)
  })
})

describe('usesNonce', () => {
  it("tells whether any policy holds the 'nonce' source", () => {
    expect(usesNonce()).toBe(false)
    expect(usesNonce({ contentSecurityPolicy: { 'script-src': ["'nonce'"] } })).toBe(true)
    expect(usesNonce({ contentSecurityPolicyReportOnly: "style-src 'nonce'" })).toBe(true)
    expect(usesNonce({ contentSecurityPolicy: false })).toBe(false)
  })
})

describe('createNonce', () => {
  it('returns 128 random bits as base64', () => {
    const nonce = createNonce()
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    expect(atob(nonce)).toHaveLength(16)
  })

  it('returns a different value every time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce))
    expect(nonces.size).toBe(1000)
  })

  it('returns a nonce that securityHeaders accepts', () => {
    const nonce = createNonce()
    expect(securityHeaders({ contentSecurityPolicy: "script-src 'nonce'" }, { nonce })).toHaveProperty(
      'content-security-policy',
      `script-src 'nonce-${nonce}'`,
    )
  })
})
