import { describe, expect, it } from 'vitest'
import { parseCookieHeader } from '../../src/http/cookie.js'
import { serializeCookie } from '../../src/http/set-cookie.js'

describe('serializeCookie', () => {
  it('serialises a bare pair', () => {
    expect(serializeCookie('sid', 'abc123')).toBe('sid=abc123')
    expect(serializeCookie('empty', '')).toBe('empty=')
  })

  it('serialises every attribute in a stable order', () => {
    const value = serializeCookie('sid', 'abc', {
      maxAge: 3600,
      expires: new Date(Date.UTC(2030, 0, 1)),
      domain: 'example.com',
      path: '/app',
      secure: true,
      httpOnly: true,
      sameSite: 'None',
      partitioned: true,
      priority: 'High',
    })
    expect(value).toBe(
      'sid=abc; Max-Age=3600; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Domain=example.com; Path=/app; ' +
        'Secure; HttpOnly; SameSite=None; Partitioned; Priority=High',
    )
  })

  it('leaves out false flags', () => {
    expect(serializeCookie('a', 'b', { secure: false, httpOnly: false, partitioned: false })).toBe('a=b')
  })

  it('allows a zero or negative maxAge to delete a cookie', () => {
    expect(serializeCookie('a', '', { maxAge: 0 })).toBe('a=; Max-Age=0')
    expect(serializeCookie('a', '', { maxAge: -1 })).toBe('a=; Max-Age=-1')
  })

  it('allows a value wrapped in double quotes', () => {
    expect(serializeCookie('a', '"quoted"')).toBe('a="quoted"')
    expect(serializeCookie('a', '""')).toBe('a=""')
  })

  it('round-trips every cookie-octet through parseCookieHeader', () => {
    let octets = ''
    for (let code = 0x21; code <= 0x7e; code++) {
      if (code !== 0x22 && code !== 0x2c && code !== 0x3b && code !== 0x5c)
        octets += String.fromCharCode(code)
    }
    const pair = serializeCookie('all', octets)
    expect(parseCookieHeader(pair)).toEqual({ all: octets })
  })

  it('throws a TypeError for a name that is not a token', () => {
    for (const name of ['', 'a b', 'a=b', 'a;b', 'a,b', '"a"', 'a\u0000', 'é', '(a)', 'a/b']) {
      expect(() => serializeCookie(name, 'v'), name).toThrow(TypeError)
    }
  })

  it('throws a TypeError for characters outside cookie-octet (RFC 6265 §4.1.1)', () => {
    for (const value of [
      'a b',
      'a;b',
      'a,b',
      'a\\b',
      'a"b',
      '"a',
      'a"',
      '"a"b"',
      'é',
      'a\tb',
      'a\nb',
      '\u007f',
    ]) {
      expect(() => serializeCookie('n', value), value).toThrow(TypeError)
    }
  })

  it('throws a TypeError for an invalid maxAge or expires', () => {
    expect(() => serializeCookie('a', 'b', { maxAge: 1.5 })).toThrow(TypeError)
    expect(() => serializeCookie('a', 'b', { maxAge: Number.NaN })).toThrow(TypeError)
    expect(() => serializeCookie('a', 'b', { maxAge: Number.POSITIVE_INFINITY })).toThrow(TypeError)
    expect(() => serializeCookie('a', 'b', { expires: new Date('nonsense') })).toThrow(TypeError)
    expect(() => serializeCookie('a', 'b', { expires: 'tomorrow' as unknown as Date })).toThrow(TypeError)
  })

  it('throws a TypeError for a path with control characters or a semicolon', () => {
    for (const path of ['/a;b', '/a\nb', '/a\u0000', '/é']) {
      expect(() => serializeCookie('a', 'b', { path }), path).toThrow(TypeError)
    }
    expect(serializeCookie('a', 'b', { path: '/a b,c' })).toBe('a=b; Path=/a b,c')
  })

  it('throws a TypeError for a domain that is not a host name', () => {
    for (const domain of [
      '',
      '.',
      'exa mple.com',
      'example.com;x',
      'a..b',
      'example.com.',
      '-a.com',
      'a-.com',
      'é.com',
    ]) {
      expect(() => serializeCookie('a', 'b', { domain }), domain).toThrow(TypeError)
    }
    expect(() => serializeCookie('a', 'b', { domain: `${'a'.repeat(64)}.com` })).toThrow(TypeError)
    expect(serializeCookie('a', 'b', { domain: '.Sub-1.example.com' })).toBe('a=b; Domain=.Sub-1.example.com')
    expect(serializeCookie('a', 'b', { domain: 'localhost' })).toBe('a=b; Domain=localhost')
  })

  it('throws a TypeError for SameSite=None or Partitioned without Secure', () => {
    expect(() => serializeCookie('a', 'b', { sameSite: 'None' })).toThrow(TypeError)
    expect(() => serializeCookie('a', 'b', { partitioned: true })).toThrow(TypeError)
    expect(serializeCookie('a', 'b', { sameSite: 'Strict' })).toBe('a=b; SameSite=Strict')
  })

  it('throws a TypeError for unknown SameSite or Priority values', () => {
    const options = (extra: object) => extra as Parameters<typeof serializeCookie>[2]
    expect(() => serializeCookie('a', 'b', options({ sameSite: 'lax' }))).toThrow(TypeError)
    expect(() => serializeCookie('a', 'b', options({ priority: 'Urgent' }))).toThrow(TypeError)
  })

  it('enforces the __Secure- prefix rule, case-insensitively (RFC 6265bis §4.1.3.1)', () => {
    expect(() => serializeCookie('__Secure-id', '1')).toThrow(TypeError)
    expect(() => serializeCookie('__secure-id', '1')).toThrow(TypeError)
    expect(serializeCookie('__Secure-id', '1', { secure: true, domain: 'example.com', path: '/x' })).toBe(
      '__Secure-id=1; Domain=example.com; Path=/x; Secure',
    )
  })

  it('enforces the __Host- prefix rules, case-insensitively (RFC 6265bis §4.1.3.2)', () => {
    expect(() => serializeCookie('__Host-id', '1', { path: '/' })).toThrow(TypeError)
    expect(() => serializeCookie('__Host-id', '1', { secure: true })).toThrow(TypeError)
    expect(() => serializeCookie('__Host-id', '1', { secure: true, path: '/app' })).toThrow(TypeError)
    expect(() =>
      serializeCookie('__host-id', '1', { secure: true, path: '/', domain: 'example.com' }),
    ).toThrow(TypeError)
    expect(serializeCookie('__Host-id', '1', { secure: true, path: '/' })).toBe('__Host-id=1; Path=/; Secure')
  })

  it('throws a RangeError for a cookie browsers would drop as too large', () => {
    expect(() => serializeCookie('a', 'x'.repeat(4096))).toThrow(RangeError)
    expect(serializeCookie('a', 'x'.repeat(4095))).toHaveLength(4097)
    expect(() => serializeCookie('a', 'b', { path: `/${'p'.repeat(1024)}` })).toThrow(RangeError)
  })
})
