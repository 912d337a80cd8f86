import { RequestHeaders, RestApplication, RestRequest } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

/** A request built the way an adapter builds one, so the response object itself can be inspected. */
function request(method: string, path: string, headers: string[] = []): RestRequest {
  return new RestRequest({ method, path, headers: RequestHeaders.fromFlat(['Host', 'api.test', ...headers]) })
}

function appWithOneRoute(options: ConstructorParameters<typeof RestApplication>[0] = {}) {
  const app = new RestApplication(options)
  app.get('/hello', () => ({ hello: 'world' }))
  return app
}

describe("the machine's own error answers, rendered once per application", () => {
  it('sends the same bytes to every request that reaches the same edge', async () => {
    const client = createTestClient(appWithOneRoute())
    const first = await client.delete('/hello')
    const second = await client.delete('/hello')
    expect(first.status).toBe(405)
    expect(second.text).toBe(first.text)
    expect(second.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    expect(JSON.parse(second.text)).toMatchObject({ error: 'Method Not Allowed' })
  })

  it('gives each request its own header record: changing one response leaves the next untouched', async () => {
    const app = appWithOneRoute()
    const first = await app.handle(request('GET', '/missing'))
    first.headers['x-changed'] = 'yes'
    first.headers.vary = 'Cookie'
    const second = await app.handle(request('GET', '/missing'))
    expect(second.status).toBe(404)
    expect(second.headers['x-changed']).toBeUndefined()
    expect(second.headers.vary).toBe('Accept')
  })

  it('renders each negotiated error type once and keeps them apart', async () => {
    const client = createTestClient(appWithOneRoute({ problemDetails: true }))
    const problem = await client.get('/missing', { headers: { accept: 'application/problem+json' } })
    const html = await client.get('/missing', { headers: { accept: 'text/html' } })
    const again = await client.get('/missing', { headers: { accept: 'application/problem+json' } })
    expect(problem.headers.get('content-type')).toBe('application/problem+json')
    expect(html.headers.get('content-type')).toMatch(/^text\/html/)
    expect(again.text).toBe(problem.text)
  })

  it('still runs an error handler registered for the status, on every request', async () => {
    const app = appWithOneRoute()
    let calls = 0
    app.errorHandler(404, ({ request }) => {
      calls += 1
      return { missing: request.path }
    })
    const client = createTestClient(app)
    expect(JSON.parse((await client.get('/a')).text)).toEqual({ missing: '/a' })
    expect(JSON.parse((await client.get('/b')).text)).toEqual({ missing: '/b' })
    expect(calls).toBe(2)
  })

  it('echoes a fresh request id on each copy', async () => {
    const client = createTestClient(appWithOneRoute({ echoRequestId: true }))
    const first = (await client.get('/missing')).headers.get('x-request-id')
    const second = (await client.get('/missing')).headers.get('x-request-id')
    expect(first).toMatch(/\S/)
    expect(second).not.toBe(first)
  })
})
