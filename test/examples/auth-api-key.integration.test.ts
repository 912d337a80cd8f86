import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLE_DOORS, type ExampleApi, openApi, sendRepeated } from './support/doors.js'

describe.each(EXAMPLE_DOORS)('examples/auth/api-key.ts via %s', (door) => {
  let api: ExampleApi
  beforeAll(async () => {
    api = await openApi(door, async () => (await import('../../examples/auth/api-key.js')).createApp())
  })
  afterAll(() => api.close())

  it('greets the owner of a known key by name with their user id', async () => {
    const alice = await api.call('GET', '/protected', { headers: { 'x-api-key': 'key_12345' } })
    expect(alice.status).toBe(200)
    expect(alice.body).toEqual({ message: 'Hello, Alice!', user_id: '1' })
    const bob = await api.call('GET', '/protected', { headers: { 'x-api-key': 'key_67890' } })
    expect(bob.body).toEqual({ message: 'Hello, Bob!', user_id: '2' })
  })

  it('answers 401 "API key required" with a challenge when no key is sent', async () => {
    const response = await api.call('GET', '/protected')
    expect(response.status).toBe(401)
    expect(response.body).toEqual({ error: 'Unauthorized', message: 'API key required' })
    expect(response.headers.get('www-authenticate')).toBe('ApiKey header="x-api-key"')
  })

  it('answers 401 "Invalid API key" for an unknown, empty-looking or oversized key', async () => {
    for (const key of ['key_99999', 'key_1234', 'KEY_12345', 'x'.repeat(5000)]) {
      const response = await api.call('GET', '/protected', { headers: { 'x-api-key': key } })
      expect(response.status).toBe(401)
      expect(response.body).toEqual({ error: 'Unauthorized', message: 'Invalid API key' })
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"')
    }
  })

  it('answers 400 for two x-api-key headers instead of letting the first one win', async () => {
    const repeated = await sendRepeated(api, 'GET', '/protected', 'X-Api-Key', ['key_12345', 'key_67890'])
    if (door === 'alb') {
      // A single-value ALB passes on the last line of a repeated field only: the function never sees the first.
      expect(repeated.status).toBe(200)
      expect(JSON.parse(repeated.text).user_id).toBe('2')
    } else {
      expect(repeated.status).toBe(400)
      expect(JSON.parse(repeated.text).message).toMatch(/Ambiguous credentials/)
    }
    const folded = await api.call('GET', '/protected', { headers: { 'x-api-key': 'key_12345, key_67890' } })
    expect(folded.status).toBe(400)
  })

  it('ignores a key sent in another header', async () => {
    const response = await api.call('GET', '/protected', { headers: { authorization: 'Bearer key_12345' } })
    expect(response.status).toBe(401)
    expect(response.body.message).toBe('API key required')
  })
})
