import type { Provider, RequestState } from '../di/index.js'
import { createNonce, type RestRequest, RestResponse } from '../http/index.js'
import { type Exchange, isThenable } from '../machine/index.js'
import { mayView } from './client-address.js'
import type { TimingSink } from './dependency-timing.js'
import { diagramLayout } from './diagram-layout.js'
import { diagramSvg } from './diagram-svg.js'
import { TraceBuffer } from './trace-buffer.js'
import { type DependencyTiming, type TraceRecord, traceRecord } from './trace-record.js'
import type { ViewerSettings } from './viewer-options.js'
import { viewerPage } from './viewer-page.js'

type Served = RestResponse | Promise<RestResponse>

/** A request in flight: its exchange (whose path tells which node is running) and its timings so far. */
interface Recording {
  readonly exchange: Exchange
  readonly timings: DependencyTiming[]
}

/** Headers of every answer of the viewer: never cached, never framed, never sniffed, no referrer. */
const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
} as const

/**
 * The decision-trace viewer of one application (made at start when `app.traceViewer()` was called,
 * held by the compiled application: no state outside it). Records the last `limit` requests in a
 * ring, with the nodes each walked, their answers, the terminal reached and the dependencies each
 * node resolved with their timings; and serves its page and `{path}/traces.json` to the clients
 * allowed to see them. Its own requests are not recorded.
 *
 * @example
 * if (app.viewer !== undefined) return app.viewer.handle(exchange, () => serve(app, exchange))
 */
export class TraceViewer implements TimingSink {
  readonly settings: ViewerSettings
  readonly #traces: TraceBuffer<TraceRecord>
  readonly #inFlight = new WeakMap<object, Recording>()
  #nextId = 1
  #diagram: string | undefined

  constructor(settings: ViewerSettings) {
    this.settings = settings
    this.#traces = new TraceBuffer(settings.limit)
  }

  /**
   * Serves one request: the viewer's own answer when it is addressed to the viewer by a client
   * allowed to see it; otherwise `serve()`, recorded once its response is ready. A client not
   * allowed is served as if there were no viewer (the application's own 404, recorded).
   */
  handle(exchange: Exchange, serve: () => Served): Served {
    const request = exchange.request
    if (this.#addressed(request.path) && mayView(request, this.settings.allowRemote))
      return this.#answer(request)
    const started = performance.now()
    const recording: Recording = { exchange, timings: [] }
    this.#inFlight.set(exchange, recording)
    let served: Served
    try {
      served = serve()
    } catch (error) {
      this.#inFlight.delete(exchange)
      throw error
    }
    if (!isThenable(served)) return this.#record(recording, served, started)
    return served.then(
      (response) => this.#record(recording, response, started),
      (error: unknown) => {
        this.#inFlight.delete(exchange)
        throw error
      },
    )
  }

  /** Notes a provider resolved (or failed) for a request in flight, at the node running then. */
  resolved(state: RequestState, provider: Provider, started: number, error: unknown): void {
    const recording = this.#inFlight.get(state)
    if (recording === undefined) return
    const trace = recording.exchange.trace
    recording.timings.push({
      node: trace?.[trace.length - 1]?.id,
      name: provider.name,
      kind: provider.kind,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      failed: error !== undefined,
    })
  }

  /** The requests kept, newest first. */
  recent(): TraceRecord[] {
    return this.#traces.newestFirst()
  }

  #record(recording: Recording, response: RestResponse, started: number): RestResponse {
    const exchange = recording.exchange
    this.#inFlight.delete(exchange)
    const duration = performance.now() - started
    this.#traces.add(traceRecord(this.#nextId++, exchange, response.status, duration, recording.timings))
    return response
  }

  #addressed(path: string): boolean {
    const base = this.settings.path
    return path === base || (path.startsWith(base) && path.charCodeAt(base.length) === 47)
  }

  #answer(request: RestRequest): RestResponse {
    const base = this.settings.path
    const path = request.path
    const known = path === base || path === `${base}/` || path === `${base}/traces.json`
    if (!known) return jsonAnswer(404, { error: 'Not Found', message: 'No such page of the trace viewer' })
    // RFC 9110 §15.5.6: a 405 lists the methods the target supports in Allow.
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const refusal = jsonAnswer(405, {
        error: 'Method Not Allowed',
        message: 'The trace viewer is read-only',
      })
      refusal.headers.allow = 'GET, HEAD'
      return refusal
    }
    if (path.endsWith('/traces.json'))
      return jsonAnswer(200, { limit: this.settings.limit, traces: this.recent() })
    this.#diagram ??= diagramSvg(diagramLayout())
    const nonce = createNonce()
    const html = viewerPage({
      nonce,
      tracesUrl: `${base}/traces.json`,
      limit: this.settings.limit,
      diagram: this.#diagram,
    })
    return new RestResponse(
      200,
      {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': [
          "default-src 'none'",
          `script-src 'nonce-${nonce}'`,
          `style-src 'nonce-${nonce}'`,
          "connect-src 'self'",
          "base-uri 'none'",
          "form-action 'none'",
          "frame-ancestors 'none'",
        ].join('; '),
        ...COMMON_HEADERS,
      },
      html,
    )
  }
}

function jsonAnswer(status: number, value: unknown): RestResponse {
  return new RestResponse(
    status,
    { 'content-type': 'application/json', ...COMMON_HEADERS },
    JSON.stringify(value),
  )
}
