import type { NodeId } from '../machine/index.js'
import type { MetricCounter, MetricHistogram, MetricsApi } from './metrics-api.js'
import { MACHINE_ANSWERS, type MetricsSink, REQUEST_DURATION } from './request-metrics.js'
import type { TelemetryAttributes } from './telemetry-api.js'

/**
 * Request metrics through OpenTelemetry's meter (`@opentelemetry/api` passed in): the
 * `http.server.request.duration` histogram with the HTTP semantic conventions' attributes —
 * `http.request.method`, `url.scheme`, `http.route` (only when a route matched: conditionally
 * required "if and only if it's available"), `http.response.status_code`, and `error.type` (the
 * status code) for a 5xx, the one range the conventions call an error on the server — and the
 * `restmachine.machine.answers` counter (`http.response.status_code`, `restmachine.node`,
 * `http.route`). The instruments are made once, at compile; the SDK's MeterProvider aggregates
 * and exports them.
 *
 * @example
 * new RequestMetrics(new OtelMetricsSink(otel, 'restmachine'))
 */
export class OtelMetricsSink implements MetricsSink {
  readonly #duration: MetricHistogram
  readonly #answers: MetricCounter

  constructor(api: MetricsApi, meterName: string) {
    const meter = api.metrics.getMeter(meterName)
    this.#duration = meter.createHistogram(REQUEST_DURATION.name, {
      unit: REQUEST_DURATION.unit,
      description: REQUEST_DURATION.description,
      advice: { explicitBucketBoundaries: [...REQUEST_DURATION.buckets] },
    })
    this.#answers = meter.createCounter(MACHINE_ANSWERS.name, {
      unit: MACHINE_ANSWERS.unit,
      description: MACHINE_ANSWERS.description,
    })
  }

  recordRequest(
    method: string,
    scheme: string,
    route: string | undefined,
    status: number,
    seconds: number,
  ): void {
    const attributes: TelemetryAttributes = {
      'http.request.method': method,
      'url.scheme': scheme,
      'http.response.status_code': status,
    }
    if (route !== undefined) attributes['http.route'] = route
    if (status >= 500) attributes['error.type'] = String(status)
    this.#duration.record(seconds, attributes)
  }

  recordMachineAnswer(status: number, node: NodeId, route: string | undefined): void {
    const attributes: TelemetryAttributes = { 'http.response.status_code': status, 'restmachine.node': node }
    if (route !== undefined) attributes['http.route'] = route
    this.#answers.add(1, attributes)
  }
}
