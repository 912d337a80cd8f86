import { RestApplication } from 'restmachine'
import { describe, expect, it } from 'vitest'
import { sse } from '../../src/render/sse.js'

const decoder = new TextDecoder()

describe('app.fetch with streaming bodies under Node’s own Request and Response', () => {
  it('delivers the first chunk of a streamed response before the handler has produced the rest', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const app = new RestApplication()
    app.get('/progress', () =>
      (async function* () {
        yield 'started;'
        await gate
        yield 'finished'
      })(),
    )
    const response = await app.fetch(new Request('http://localhost/progress'))
    expect(response).toBeInstanceOf(Response)
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    expect(decoder.decode((await reader.read()).value)).toBe('started;')
    release()
    expect(decoder.decode((await reader.read()).value)).toBe('finished')
    expect((await reader.read()).done).toBe(true)
  })

  it('pipes a streamed request body into a streamed response', async () => {
    const app = new RestApplication()
    app.post('/upper', async ({ request }) => (await request.text()).toUpperCase())
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of ['stream', 'ing ', 'body']) controller.enqueue(new TextEncoder().encode(part))
        controller.close()
      },
    })
    const response = await app.fetch(
      new Request('http://localhost/upper', { method: 'POST', body, duplex: 'half' } as RequestInit),
    )
    expect(await response.text()).toBe('STREAMING BODY')
  })

  it('cancels an event stream, aborting its signal, when the consumer cancels the body', async () => {
    let aborted = false
    const app = new RestApplication()
    app.get('/events', () =>
      sse(async function* ({ signal }) {
        signal.addEventListener('abort', () => {
          aborted = true
        })
        for (let n = 0; !signal.aborted; n++) {
          yield String(n)
          await new Promise((resolve) => setTimeout(resolve, 5))
        }
      }),
    )
    const response = await app.fetch(new Request('http://localhost/events'))
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    expect(decoder.decode((await reader.read()).value)).toBe('data: 0\n\n')
    await reader.cancel()
    expect(aborted).toBe(true)
  })
})
