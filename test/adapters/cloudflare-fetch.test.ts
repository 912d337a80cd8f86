import { RestApplication } from 'restmachine'
import { cloudflareFetch } from 'restmachine/fetch'
import { describe, expect, it } from 'vitest'

// The wrapper's rules, in-process; test/runtimes/workerd-encoding.integration.test.ts runs it in workerd.
describe('cloudflareFetch', () => {
  const app = new RestApplication()
  app.get('/note', () => ({ note: 'hello' }))
  app.get('/packed', () => new Response(null, { status: 304, headers: { 'content-encoding': 'br' } }))
  const fetch = cloudflareFetch(app)
  const gzip = { 'accept-encoding': 'gzip' }

  it('labels a HEAD answer identity for a client that accepts gzip, keeping status and headers', async () => {
    const response = await fetch(new Request('http://x/note', { method: 'HEAD', headers: gzip }))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-encoding')).toBe('identity')
    expect(response.headers.get('content-length')).toBe('16')
    expect(response.headers.get('content-type')).toBe('application/json')
  })

  it('leaves answers with content alone, for the edge to compress', async () => {
    const response = await fetch(new Request('http://x/note', { headers: gzip }))
    expect(response.headers.get('content-encoding')).toBeNull()
    expect(await response.json()).toEqual({ note: 'hello' })
  })

  it('leaves a bodyless answer alone for a client that accepts no encoding', async () => {
    const response = await fetch(new Request('http://x/note', { method: 'HEAD' }))
    expect(response.headers.get('content-encoding')).toBeNull()
  })

  it("goes by the encoding the client sent (cf.clientAcceptEncoding), not the edge's rewritten header", async () => {
    const request = new Request('http://x/note', { method: 'HEAD', headers: gzip })
    Object.defineProperty(request, 'cf', { value: { clientAcceptEncoding: '' } })
    expect((await fetch(request)).headers.get('content-encoding')).toBeNull()
  })

  it('keeps a Content-Encoding the app set itself', async () => {
    const response = await fetch(new Request('http://x/packed', { headers: gzip }))
    expect([response.status, response.headers.get('content-encoding')]).toEqual([304, 'br'])
  })
})
