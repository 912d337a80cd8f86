import { describe, expect, it } from 'vitest'
import { RestApplication } from '../../src/index.js'

/** A real Web `Request` that counts how often its `headers` are asked for. */
class CountingRequest extends Request {
  headerReads = 0
  override get headers(): Headers {
    this.headerReads++
    return super.headers
  }
}

describe('app.fetch reads the request headers only when a field is needed', () => {
  const app = new RestApplication()
    .get('/hello', () => ({ hello: 'world' }))
    .get('/agent', ({ headers }) => ({ agent: headers.get('user-agent') }))

  it('never asks a request for its headers when the route reads none', async () => {
    const request = new CountingRequest('http://localhost/hello')
    const response = await app.fetch(request)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ hello: 'world' })
    expect(request.headerReads).toBe(0)
  })

  it('asks once, however many fields are read, when the route reads one', async () => {
    const request = new CountingRequest('http://localhost/agent', { headers: { 'User-Agent': 'curl/8.5.0' } })
    const response = await app.fetch(request)
    expect(await response.json()).toEqual({ agent: 'curl/8.5.0' })
    expect(request.headerReads).toBe(1)
  })

  it('still negotiates a 404 from the Accept field the client sent', async () => {
    const request = new CountingRequest('http://localhost/missing', {
      headers: { Accept: 'application/problem+json' },
    })
    const response = await app.fetch(request)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
  })
})
