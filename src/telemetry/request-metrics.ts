import { RestResponse } from '../http/index.js'
import type { Exchange, NodeId } from '../machine/index.js'
import { conventionalMethod } from './http-attributes.js'

/**
 * The OpenTelemetry semantic conventions' HTTP server metric: a histogram in seconds, with the
 * bucket boundaries the conventions advise (`ExplicitBucketBoundaries`).
 */
export const REQUEST_DURATION = {
  name: 'http.server.request.duration',
  unit: 's',
  description: 'Duration of HTTP server requests.',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
} as const

/** RestMachine's own counter: the answers the decision machine gave, by status and deciding node. */
export const MACHINE_ANSWERS = {
  name: 'restmachine.machine.answers',
  unit: '{answer}',
  description:
    'Answers the decision machine decided itself (refusals, redirects, 304), by status and deciding node; the statuses a handler chose are not counted.',
} as const

/**
 * Where an application's request metrics go: OpenTelemetry's meter (`otelMetricsSink`) or the
 * built-in registry (`MetricsRegistry`). Values come as arguments, not an attributes object, so a
 * sink that keys its series by them allocates nothing per request.
 */
export interface MetricsSink {
  /**
   * One request served: `http.server.request.duration`. `route` is the matched template, never
   * the path, and `undefined` when no route matched (so series stay bounded whatever clients send).
   */
  recordRequest(
    method: string,
    scheme: string,
    route: string | undefined,
    status: number,
    seconds: number,
  ): void
  /** One answer the machine decided: `restmachine.machine.answers`. */
  recordMachineAnswer(status: number, node: NodeId, route: string | undefined): void
}

type Served = RestResponse | Promise<RestResponse>

/**
 * An application's request metrics: times each request from the moment it is handed to the
 * application until its response is ready (a streamed body's transfer is not included, as for the
 * span), and records it with the method (`_OTHER` for one the conventions do not know), the
 * scheme, the route template and the status; then, when the machine decided the answer, counts it
 * by status and node. Made at compile when the `metrics` option is set; without it nothing here runs.
 *
 * @example
 * const metrics = new RequestMetrics(new MetricsRegistry())
 * metrics.observe(exchange, () => serve(app, exchange))
 */
export class RequestMetrics {
  readonly sink: MetricsSink

  constructor(sink: MetricsSink) {
    this.sink = sink
  }

  /** Serves one request and records it once its response is ready (a 500 when serving threw). */
  observe(exchange: Exchange, serve: () => Served): Served {
    const started = performance.now()
    let served: Served
    try {
      served = serve()
    } catch (error) {
      this.#record(exchange, started, 500)
      throw error
    }
    if (served instanceof RestResponse) {
      this.#record(exchange, started, served.status)
      return served
    }
    return served.then(
      (response) => {
        this.#record(exchange, started, response.status)
        return response
      },
      (error: unknown) => {
        this.#record(exchange, started, 500)
        throw error
      },
    )
  }

  #record(exchange: Exchange, started: number, status: number): void {
    const seconds = (performance.now() - started) / 1000
    const request = exchange.request
    const route = exchange.entry?.template
    const scheme = request.secure ? 'https' : 'http'
    this.sink.recordRequest(conventionalMethod(request.method), scheme, route, status, seconds)
    const node = machineAnswerNode(exchange)
    if (node !== undefined) this.sink.recordMachineAnswer(status, node, route)
  }
}

/**
 * The node that decided a request's answer when the machine decided it, else `undefined`. The
 * machine's answers: a status edge of 300 or more (404 at ROUTE, 401 at B8, 412 at G11, 304 at
 * K13, 415 at B5…), and what a dependency threw while a decision node resolved it before the
 * handler ran (a rate limit's 429 at B8, a store outage's 503). Not the machine's: the handler's
 * own status (`RENDERED`), the success edges after HANDLER (200, 201, 206), the implicit OPTIONS
 * answer, and whatever the handler threw. Reads `exchange.answeredBy`, which the run records when
 * metrics are on (`recordAnsweringNode`).
 */
export function machineAnswerNode(exchange: Exchange): NodeId | undefined {
  const outcome = exchange.outcome
  const node = exchange.answeredBy
  // No outcome: a node threw. The handler's throw is its own answer; any earlier node's, a dependency's refusal.
  if (outcome === undefined) return node === 'HANDLER' ? undefined : node
  return typeof outcome === 'object' && outcome.status >= 300 ? node : undefined
}
