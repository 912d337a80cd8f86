import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLE_DOORS, type ExampleApi, openApi, sendRepeated } from './support/doors.js'

describe.each(EXAMPLE_DOORS)('examples/auth/bearer.ts via %s', (door) => {
  let api: ExampleApi
  beforeAll(async () => {
    api = await openApi(door, async () => (await import('../../examples/auth/bearer.js')).createApp())
  })
  afterAll(() => api.close())

  it('greets Alice for the valid token, whatever the case of the scheme', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const response = await api.call('GET', '/protected', {
        headers: { authorization: `${scheme} valid_token_123` },
      })
      expect(response.status).toBe(200)
      expect(response.body).toEqual({ message: 'Hello, Alice!', user_id: '1' })
    }
  })

  it('answers 401 "Bearer token required" with a plain Bearer challenge without a bearer token', async () => {
    const cases: Record<string, string>[] = [
      {},
      { authorization: 'Basic YWxpY2U6c2VjcmV0' },
      { authorization: 'Bearer' },
    ]
    for (const headers of cases) {
      const response = await api.call('GET', '/protected', { headers })
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer')
      expect(response.body).toEqual({ error: 'Unauthorized', message: 'Bearer token required' })
    }
  })

  it('answers 401 "Invalid or expired token" with error="invalid_token" for a wrong token', async () => {
    const response = await api.call('GET', '/protected', { token: 'valid_token_124' })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
    expect(response.body).toEqual({ error: 'Unauthorized', message: 'Invalid or expired token' })
  })

  it('answers 401 invalid_token for malformed and oversized tokens, never 500', async () => {
    for (const token of ['a b', 'tök\u00ffn', '"quoted"', 'x'.repeat(9000)]) {
      const response = await api.call('GET', '/protected', { token })
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
    }
  })

  it('answers 400 invalid_request for two Authorization headers, even when one is valid', async () => {
    const repeated = await sendRepeated(api, 'GET', '/protected', 'Authorization', [
      'Bearer valid_token_123',
      'Bearer other',
    ])
    if (door === 'alb') {
      // A single-value ALB passes on the last line only: the function sees just "Bearer other".
      expect(repeated.status).toBe(401)
    } else {
      expect(repeated.status).toBe(400)
      expect(repeated.headers.get('www-authenticate')).toBe('Bearer error="invalid_request"')
    }
    const folded = await api.call('GET', '/protected', {
      headers: { authorization: 'Bearer valid_token_123, Bearer other' },
    })
    expect(folded.status).toBe(400)
  })
})
