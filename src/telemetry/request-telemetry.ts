import type { RequestHeaders, RestResponse } from '../http/index.js'
import { type Exchange, isThenable } from '../machine/index.js'
import { decisionEvents } from './decision-events.js'
import { conventionalMethod, requestAttributes } from './http-attributes.js'
import type {
  TelemetryApi,
  TelemetryGetter,
  TelemetryOption,
  TelemetrySpan,
  TelemetryTracer,
} from './telemetry-api.js'

/** The default threshold of a dependency's child span, in milliseconds. */
export const DEFAULT_SLOW_DEPENDENCY_MS = 5

/** Reads `traceparent` and the other propagation fields from the request's headers. */
const HEADER_GETTER: TelemetryGetter<RequestHeaders> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
}

type Served = RestResponse | Promise<RestResponse>

/**
 * An application's tracing: one SERVER span per request, a child of the caller's `traceparent`
 * (W3C Trace Context, through the registered propagator), named `GET /users/{id}` once the route is
 * known, with the HTTP semantic-convention attributes, an event per decision node passed, and the
 * ERROR status for a 5xx (a 4xx is the client's error, not the server's). Made at compile when the
 * `telemetry` option is set; without it nothing here runs.
 *
 * @example
 * const telemetry = new RequestTelemetry({ api: otel })
 * telemetry.observe(exchange, () => serve(app, exchange))
 */
export class RequestTelemetry {
  readonly api: TelemetryApi
  readonly tracer: TelemetryTracer
  readonly slowDependencyMs: number
  /** The request span of each exchange in flight, for the child spans of slow dependencies. */
  readonly #spans = new WeakMap<object, TelemetrySpan>()

  constructor(option: TelemetryOption) {
    const options = 'api' in option ? option : { api: option }
    this.api = options.api
    this.tracer = options.api.trace.getTracer(options.tracerName ?? 'restmachine')
    this.slowDependencyMs = options.slowDependencyMs ?? DEFAULT_SLOW_DEPENDENCY_MS
  }

  /**
   * Serves one request inside its span: `serve` runs with the span active (so the application's
   * own spans are its children where a context manager is registered), and the span ends when the
   * response is ready.
   */
  observe(exchange: Exchange, serve: () => Served): Served {
    const { api } = this
    const request = exchange.request
    const parent = api.propagation.extract(api.context.active(), request.headers, HEADER_GETTER)
    const span = this.tracer.startSpan(
      conventionalMethod(request.method) === '_OTHER' ? 'HTTP' : request.method,
      { kind: api.SpanKind.SERVER, attributes: requestAttributes(request) },
      parent,
    )
    this.#spans.set(exchange, span)
    let served: Served
    try {
      served = api.context.with(api.trace.setSpan(parent, span), serve)
    } catch (error) {
      this.#end(exchange, span, 500)
      throw error
    }
    if (!isThenable(served)) {
      this.#end(exchange, span, served.status)
      return served
    }
    return served.then(
      (response) => {
        this.#end(exchange, span, response.status)
        return response
      },
      (error: unknown) => {
        this.#end(exchange, span, 500)
        throw error
      },
    )
  }

  /** The request span of an exchange in flight, if it is traced. */
  spanOf(exchange: object): TelemetrySpan | undefined {
    return this.#spans.get(exchange)
  }

  #end(exchange: Exchange, span: TelemetrySpan, status: number): void {
    this.#spans.delete(exchange)
    const template = exchange.entry?.template
    const method = conventionalMethod(exchange.request.method)
    if (template !== undefined) {
      span.updateName(`${method === '_OTHER' ? 'HTTP' : method} ${template}`)
      span.setAttribute('http.route', template)
    }
    span.setAttribute('http.response.status_code', status)
    for (const event of decisionEvents(exchange.trace ?? [], exchange.outcome, exchange.plan, status)) {
      const attributes =
        event.answer === undefined
          ? { 'restmachine.node': event.node }
          : { 'restmachine.node': event.node, 'restmachine.answer': event.answer }
      span.addEvent(event.name, attributes)
    }
    // HTTP semantic conventions: a server span's status is ERROR for a 5xx only, unset otherwise.
    if (status >= 500) {
      span.setAttribute('error.type', String(status))
      span.setStatus({ code: this.api.SpanStatusCode.ERROR })
    }
    span.end()
  }
}
