import { describe, expect, it } from 'vitest'
import { clientAddress, normaliseAddress } from '../../src/auth/index.js'
import { RequestHeaders } from '../../src/http/request-headers.js'
import { RestRequest } from '../../src/http/rest-request.js'

const request = (remoteAddress: string | undefined, ...forwarded: string[]) =>
  new RestRequest({
    method: 'POST',
    path: '/login',
    headers: RequestHeaders.from(forwarded.map((value) => ['x-forwarded-for', value] as [string, string])),
    remoteAddress,
  })

describe('clientAddress', () => {
  it('is the socket address, and ignores X-Forwarded-For unless a proxy is trusted', () => {
    expect(clientAddress(request('203.0.113.7'))).toBe('203.0.113.7')
    expect(clientAddress(request('203.0.113.7', '198.51.100.1'))).toBe('203.0.113.7')
  })

  it('takes the entry the trusted proxies appended, counting from the right', () => {
    const behindOne = request('10.0.0.2', '1.1.1.1, 198.51.100.1')
    expect(clientAddress(behindOne, { trustProxy: true })).toBe('198.51.100.1')
    expect(clientAddress(behindOne, { trustProxy: 1 })).toBe('198.51.100.1')
    expect(clientAddress(behindOne, { trustProxy: 2 })).toBe('1.1.1.1')
    expect(clientAddress(request('10.0.0.2', '1.1.1.1', '198.51.100.1'), { trustProxy: 2 })).toBe('1.1.1.1')
    expect(clientAddress(request('10.0.0.2', '198.51.100.1'), { trustProxy: 5 })).toBe('198.51.100.1')
  })

  it('falls back to the socket for a garbage or absent forwarded entry', () => {
    expect(clientAddress(request('10.0.0.2', 'not-an-ip'), { trustProxy: true })).toBe('10.0.0.2')
    expect(clientAddress(request('10.0.0.2'), { trustProxy: true })).toBe('10.0.0.2')
    expect(clientAddress(request(undefined))).toBe('unknown')
  })

  it('maps IPv4-mapped IPv6 to IPv4 and groups IPv6 clients by /64', () => {
    expect(clientAddress(request('::ffff:127.0.0.1'))).toBe('127.0.0.1')
    expect(clientAddress(request('2001:db8:1:2:aaaa::1'))).toBe(
      clientAddress(request('2001:db8:1:2:bbbb::2')),
    )
    expect(clientAddress(request('2001:db8:1:2::1'))).not.toBe(clientAddress(request('2001:db8:1:3::1')))
  })
})

describe('normaliseAddress', () => {
  it('canonicalises IPv6 forms and refuses what is no address', () => {
    expect(normaliseAddress('2001:DB8:0:0:0:0:0:1', 128)).toBe('2001:db8:0:0:0:0:0:1')
    expect(normaliseAddress('2001:db8::1', 128)).toBe('2001:db8:0:0:0:0:0:1')
    expect(normaliseAddress('[::1]', 128)).toBe('0:0:0:0:0:0:0:1')
    expect(normaliseAddress('fe80::1%eth0', 64)).toBe('fe80:0:0:0::/64')
    expect(normaliseAddress('::ffff:10.0.0.1', 64)).toBe('10.0.0.1')
    expect(normaliseAddress('64:ff9b::192.0.2.33', 128)).toBe('64:ff9b:0:0:0:0:c000:221')
    expect(normaliseAddress('2001:db8::/48', 64)).toBeUndefined()
    expect(normaliseAddress('1:2:3:4:5:6:7:8:9', 64)).toBeUndefined()
    expect(normaliseAddress('1::2::3', 64)).toBeUndefined()
    expect(normaliseAddress('256.1.1.1', 64)).toBeUndefined()
    expect(normaliseAddress('hello', 64)).toBeUndefined()
  })
})
