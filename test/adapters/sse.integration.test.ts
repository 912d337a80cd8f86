import { request } from 'node:http'
import { RestApplication } from 'restmachine'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatEvent, sse } from '../../src/render/sse.js'

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/** Reads a streamed response until `until(text)` holds, then disconnects. */
function readUntil(
  url: string,
  until: (text: string) => boolean,
): Promise<{ headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString()
        if (until(text)) {
          req.destroy()
          resolve({ headers: res.headers, text })
        }
      })
      res.on('end', () => resolve({ headers: res.headers, text }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('formatEvent', () => {
  it('writes event, id, retry and one data line per line of text, then a blank line', () => {
    expect(formatEvent({ event: 'note', id: '7', retry: 3000, data: 'a\nb' })).toBe(
      'event: note\nid: 7\nretry: 3000\ndata: a\ndata: b\n\n',
    )
    expect(formatEvent({ data: { n: 1 } })).toBe('data: {"n":1}\n\n')
  })

  it('refuses an event name or id that would break the framing', () => {
    expect(() => formatEvent({ event: 'a\nb', data: '' })).toThrow(TypeError)
    expect(() => formatEvent({ id: 'x\r', data: '' })).toThrow(TypeError)
  })
})

describe('sse() over a real socket', () => {
  let server: RunningServer
  const lifecycle = { aborted: false, finalized: false }

  beforeAll(async () => {
    const app = new RestApplication()
    app.get('/three', () =>
      sse(async function* () {
        yield { event: 'greeting', id: '1', data: 'hello' }
        yield { id: '2', data: { n: 2 } }
        yield 'plain'
      }),
    )
    app.get('/slow', () =>
      sse(
        async function* ({ signal }) {
          await sleep(250, signal)
          yield 'late'
        },
        { heartbeat: 40 },
      ),
    )
    app.get('/forever', () =>
      sse(async function* ({ signal }) {
        signal.addEventListener('abort', () => {
          lifecycle.aborted = true
        })
        try {
          for (let n = 0; !signal.aborted; n++) {
            yield { data: String(n) }
            await sleep(20, signal)
          }
        } finally {
          lifecycle.finalized = true
        }
      }),
    )
    server = await serve(app, { port: 0, handleSignals: false })
  })
  afterAll(() => server.close())

  it('streams events as text/event-stream, uncached, and ends when the generator does', async () => {
    const { headers, text } = await readUntil(`${server.url}/three`, () => false)
    expect(headers['content-type']).toBe('text/event-stream')
    expect(headers['cache-control']).toBe('no-cache')
    expect(text).toBe('event: greeting\nid: 1\ndata: hello\n\nid: 2\ndata: {"n":2}\n\ndata: plain\n\n')
  })

  it('sends heartbeat comments while waiting for the next event', async () => {
    const { text } = await readUntil(`${server.url}/slow`, () => false)
    expect(text.match(/: heartbeat\n\n/g)?.length).toBeGreaterThanOrEqual(2)
    expect(text.endsWith('data: late\n\n')).toBe(true)
  })

  it('aborts the signal and closes the generator when the client disconnects', async () => {
    await readUntil(`${server.url}/forever`, (text) => text.includes('data: 3\n'))
    const deadline = Date.now() + 2000
    while (!(lifecycle.aborted && lifecycle.finalized) && Date.now() < deadline) await sleep(10)
    expect(lifecycle).toEqual({ aborted: true, finalized: true })
  })
})
