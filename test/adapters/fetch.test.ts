import { RestApplication } from 'restmachine'
import { describe, expect, it } from 'vitest'

describe('app.fetch', () => {
  const app = new RestApplication()
  app.get('/hello/{name}', ({ name, queryParams }) => ({ hello: name, loud: queryParams.loud === '1' }))
  app.post('/upload', ({ body }) => ({ size: body.byteLength }))
  app.get('/cookies', () => {
    const headers = new Headers()
    headers.append('set-cookie', 'a=1')
    headers.append('set-cookie', 'b=2')
    return new Response(null, { status: 204, headers })
  })

  app.get('/aborted', ({ request }) => ({ aborted: request.signal?.aborted ?? null }))

  it("hands the Web Request's own signal to a handler that asks for it", async () => {
    const controller = new AbortController()
    controller.abort()
    const request = new Request('http://localhost/aborted', { signal: controller.signal })
    expect(await (await app.fetch(request)).json()).toEqual({ aborted: true })
    expect(await (await app.fetch(new Request('http://localhost/aborted'))).json()).toEqual({
      aborted: false,
    })
  })

  it('serves a Web Request and returns a Web Response', async () => {
    const response = await app.fetch(new Request('http://localhost/hello/Ada%20L?loud=1'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual({ hello: 'Ada L', loud: true })
  })

  it('reads a streaming request body', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(1000))
        controller.enqueue(new Uint8Array(24))
        controller.close()
      },
    })
    const request = new Request('http://localhost/upload', {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(await (await app.fetch(request)).json()).toEqual({ size: 1024 })
  })

  it('keeps several Set-Cookie fields apart', async () => {
    const response = await app.fetch(new Request('http://localhost/cookies'))
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
  })

  it('answers HEAD without content', async () => {
    const response = await app.fetch(new Request('http://localhost/hello/x', { method: 'HEAD' }))
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
  })
})
