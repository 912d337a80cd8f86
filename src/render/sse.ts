import { RestResponse } from '../http/index.js'

/** One Server-Sent Event. `data` strings are sent as they are; anything else as JSON. */
export interface SseEvent {
  /** The payload; multi-line strings become several `data:` lines. */
  data: unknown
  /** The event type (`addEventListener(type, …)` on the client); default `message`. */
  event?: string
  /** The event id, echoed by reconnecting clients as `Last-Event-ID`. */
  id?: string
  /** Asks the client to wait this many milliseconds before reconnecting. */
  retry?: number
}

/** What an event source gets: aborted when the client disconnects (or the stream is cancelled). */
export interface SseSourceContext {
  readonly signal: AbortSignal
}

/** A function producing the events: an async generator, typically. Strings are shorthand for `{ data }`. */
export type SseSource = (context: SseSourceContext) => AsyncIterable<SseEvent | string>

/** Options of {@link sse}. */
export interface SseOptions {
  /** Milliseconds between keep-alive comments, so proxies keep an idle stream open; `0` disables. Default 15 000. */
  heartbeat?: number
  /** Extra response headers. */
  headers?: Record<string, string>
}

const encoder = new TextEncoder()
const HEARTBEAT = encoder.encode(': heartbeat\n\n')

/**
 * Streams Server-Sent Events (HTML Living Standard §9.2, `text/event-stream`) from an async
 * generator. Heartbeat comments keep idle connections open; when the client disconnects the
 * stream is cancelled, `signal` aborts and the generator is closed (its `finally` runs). Wait for
 * new events in a way that honours `signal`, so a disconnect ends the wait.
 *
 * @example
 * app.get('/ticks', () =>
 *   sse(async function* ({ signal }) {
 *     for (let n = 1; !signal.aborted; n++) {
 *       yield { event: 'tick', id: String(n), data: { n } }
 *       await sleep(1000, signal)
 *     }
 *   }),
 * )
 */
export function sse(source: SseSource, options: SseOptions = {}): RestResponse {
  const controller = new AbortController()
  const heartbeatMs = options.heartbeat ?? 15_000
  let iterator: AsyncIterator<SseEvent | string> | undefined
  let timer: ReturnType<typeof setInterval> | undefined
  const stop = () => {
    if (timer !== undefined) clearInterval(timer)
    timer = undefined
  }
  const body = new ReadableStream<Uint8Array>({
    // Nothing runs until the first read, so a HEAD response (never read) starts no timer or generator.
    async pull(stream) {
      if (iterator === undefined) {
        iterator = source({ signal: controller.signal })[Symbol.asyncIterator]()
        if (heartbeatMs > 0) timer = setInterval(() => stream.enqueue(HEARTBEAT), heartbeatMs)
      }
      try {
        const { value, done } = await iterator.next()
        if (done) {
          stop()
          stream.close()
        } else
          stream.enqueue(encoder.encode(formatEvent(typeof value === 'string' ? { data: value } : value)))
      } catch (error) {
        stop()
        stream.error(error)
      }
    },
    async cancel() {
      stop()
      controller.abort()
      await iterator?.return?.()
    },
  })
  return new RestResponse(
    200,
    {
      'content-type': 'text/event-stream',
      // Events are live: never cached (RFC 9111 §5.2.2.4), never buffered by nginx.
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      ...lowerCased(options.headers ?? {}),
    },
    body,
  )
}

/**
 * Formats one event as `text/event-stream` text, ending with the blank line that dispatches it.
 *
 * @example
 * formatEvent({ event: 'greeting', data: 'hi\nthere' }) // 'event: greeting\ndata: hi\ndata: there\n\n'
 */
export function formatEvent(event: SseEvent): string {
  let out = ''
  if (event.event !== undefined) out += `event: ${singleLine(event.event, 'event')}\n`
  if (event.id !== undefined) out += `id: ${singleLine(event.id, 'id')}\n`
  if (event.retry !== undefined) {
    if (!Number.isInteger(event.retry) || event.retry < 0)
      throw new TypeError('sse: retry must be a whole number of ms')
    out += `retry: ${event.retry}\n`
  }
  const data = typeof event.data === 'string' ? event.data : JSON.stringify(event.data)
  for (const line of data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`
  return `${out}\n`
}

function singleLine(value: string, field: string): string {
  // A line break would end the field early; the spec also ignores ids containing NUL.
  if (/[\r\n\0]/.test(value)) throw new TypeError(`sse: the ${field} must not contain CR, LF or NUL`)
  return value
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of Object.keys(headers)) out[name.toLowerCase()] = headers[name] as string
  return out
}
