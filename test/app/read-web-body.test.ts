import { describe, expect, it, vi } from 'vitest'
import { readWebBody } from '../../src/app/read-web-body.js'
import { ContentTooLarge } from '../../src/errors/index.js'
import { RestApplication } from '../../src/index.js'

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

/** A body that arrives in several chunks, as a chunked upload does. */
function chunked(...parts: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part))
      controller.close()
    },
  })
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://localhost/items', { method: 'POST', body, headers, duplex: 'half' } as RequestInit)

describe('readWebBody', () => {
  it('reads a body whose Content-Length is within the limit in one piece', async () => {
    const bytes = await readWebBody(post('{"a":1}', { 'content-length': '7' }), 100)
    expect(text(bytes)).toBe('{"a":1}')
  })

  it('reads the body with bytes() where the runtime has it, still holding it to the limit', async () => {
    const request = post('{"a":1}', { 'content-length': '3' })
    const read = vi.fn(async () => new TextEncoder().encode('{"a":1}'))
    Object.defineProperty(request, 'bytes', { value: read })
    await expect(readWebBody(request, 5)).rejects.toBeInstanceOf(ContentTooLarge)
    expect(read).toHaveBeenCalledOnce()
    const fits = post('{"a":1}', { 'content-length': '7' })
    Object.defineProperty(fits, 'bytes', { value: read })
    expect(text(await readWebBody(fits, 100))).toBe('{"a":1}')
  })

  it('refuses a declared Content-Length over the limit with 413 before reading any of the body', async () => {
    const request = post('x'.repeat(50), { 'content-length': '50' })
    await expect(readWebBody(request, 10)).rejects.toBeInstanceOf(ContentTooLarge)
    expect(request.bodyUsed).toBe(false)
  })

  it('streams a body without Content-Length and joins its chunks', async () => {
    expect(text(await readWebBody(post(chunked('{"a":', '1}')), 100))).toBe('{"a":1}')
  })

  it('refuses a streamed body without Content-Length as soon as it passes the limit', async () => {
    await expect(readWebBody(post(chunked('12345', '67890')), 8)).rejects.toBeInstanceOf(ContentTooLarge)
  })

  it('gives empty content for a request without a body, with or without a Content-Length', async () => {
    expect((await readWebBody(new Request('http://localhost/items'), 100)).byteLength).toBe(0)
    const declared = new Request('http://localhost/items', { headers: { 'content-length': '0' } })
    expect((await readWebBody(declared, 100)).byteLength).toBe(0)
  })

  it('streams when Content-Length is not a number, still under the limit', async () => {
    await expect(
      readWebBody(post(chunked('123456789'), { 'content-length': 'x' }), 4),
    ).rejects.toBeInstanceOf(ContentTooLarge)
  })
})

describe('app.fetch reads JSON bodies through readWebBody', () => {
  const app = new RestApplication({ bodyLimit: 16 })
  app.post('/items', ({ parsedBody }) => parsedBody)

  it('reads a body with Content-Length without ever making it a stream (Bun slows arrayBuffer then)', async () => {
    const request = post('{"a":1}', { 'content-type': 'application/json', 'content-length': '7' })
    const streamRead = vi.spyOn(request, 'body', 'get')
    const response = await app.fetch(request)
    expect(await response.json()).toEqual({ a: 1 })
    expect(streamRead).not.toHaveBeenCalled()
  })

  it('answers a small JSON body with Content-Length', async () => {
    const response = await app.fetch(
      post('{"a":1}', { 'content-type': 'application/json', 'content-length': '7' }),
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ a: 1 })
  })

  it('answers 413 with a JSON error for a Content-Length over the limit', async () => {
    const body = JSON.stringify({ a: 'x'.repeat(40) })
    const response = await app.fetch(
      post(body, { 'content-type': 'application/json', 'content-length': String(body.length) }),
    )
    expect(response.status).toBe(413)
    expect(response.headers.get('content-type')).toMatch(/json/)
  })
})
