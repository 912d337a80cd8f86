import { describe, expect, it } from 'vitest'
import { readBearerToken, singleHeader } from '../../src/auth/index.js'
import { HttpError } from '../../src/errors/index.js'
import { RequestHeaders } from '../../src/http/request-headers.js'

const headers = (...pairs: [string, string][]) => RequestHeaders.from(pairs)

function failure(run: () => unknown): HttpError {
  try {
    run()
  } catch (error) {
    if (error instanceof HttpError) return error
    throw error
  }
  throw new Error('expected an HttpError')
}

describe('readBearerToken (RFC 6750 §2.1)', () => {
  it('reads the token after a case-insensitive Bearer scheme and spaces', () => {
    expect(readBearerToken(headers(['authorization', 'Bearer abc.def-ghi_~+/=']))).toBe('abc.def-ghi_~+/=')
    expect(readBearerToken(headers(['Authorization', 'bEaReR   xyz']))).toBe('xyz')
  })

  it('answers null (no credentials) for no header, another scheme or an empty token', () => {
    expect(readBearerToken(headers())).toBeNull()
    expect(readBearerToken(headers(['authorization', 'Basic dXNlcjpwYXNz']))).toBeNull()
    expect(readBearerToken(headers(['authorization', 'Bearer']))).toBeNull()
    expect(readBearerToken(headers(['authorization', 'Bearer    ']))).toBeNull()
    expect(readBearerToken(headers(['authorization', 'Bearerxyz']))).toBeNull()
  })

  it('refuses a malformed token with 401 invalid_token', () => {
    for (const value of ['Bearer a b', 'Bearer a=b', 'Bearer "q"', 'Bearer \u00e9']) {
      const error = failure(() => readBearerToken(headers(['authorization', value])))
      expect(error.status).toBe(401)
      expect(error.code).toBe('invalid_token')
      expect((error as HttpError & { challenge?: string }).challenge).toBe('Bearer error="invalid_token"')
    }
  })

  it('refuses an oversized token with 401 and honours a realm', () => {
    const error = failure(() =>
      readBearerToken(headers(['authorization', `Bearer ${'a'.repeat(20)}`]), {
        maxLength: 10,
        realm: 'api',
      }),
    )
    expect(error.status).toBe(401)
    expect(error.message).toBe('Token too long')
    expect((error as HttpError & { challenge?: string }).challenge).toBe(
      'Bearer realm="api", error="invalid_token"',
    )
  })

  it('refuses two Authorization fields and a comma-separated list with 400 invalid_request', () => {
    for (const request of [
      headers(['authorization', 'Bearer a'], ['authorization', 'Bearer b']),
      headers(['authorization', 'Bearer a, Bearer b']),
      headers(['authorization', 'Bearer a'], ['Authorization', 'Basic x']),
    ]) {
      const error = failure(() => readBearerToken(request))
      expect(error.status).toBe(400)
      expect(error.headers['www-authenticate']).toBe('Bearer error="invalid_request"')
    }
  })
})

describe('singleHeader', () => {
  it('returns the trimmed value or null', () => {
    expect(singleHeader(headers(['x-api-key', '  k  ']), 'x-api-key', 'ApiKey')).toBe('k')
    expect(singleHeader(headers(), 'x-api-key', 'ApiKey')).toBeNull()
  })
})
