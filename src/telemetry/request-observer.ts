import type { RestResponse } from '../http/index.js'
import type { Exchange } from '../machine/index.js'
import type { MetricsOption } from './metrics-api.js'
import type { MetricsRegistry } from './metrics-registry.js'
import { OtelMetricsSink } from './otel-metrics.js'
import { RequestMetrics } from './request-metrics.js'
import type { RequestTelemetry } from './request-telemetry.js'

type Served = RestResponse | Promise<RestResponse>

/** What serves a request inside itself to watch it: the tracing, the metrics, or both. */
export interface RequestObserver {
  observe(exchange: Exchange, serve: () => Served): Served
}

/**
 * The one observer `handleRequest` checks for: `undefined` when neither telemetry nor metrics is
 * on (one check per request), either one alone, or the metrics around the span, so both are on
 * with still one check.
 *
 * @example
 * const observer = requestObserver(telemetry, metrics)
 * if (observer !== undefined) return observer.observe(exchange, () => serve(app, exchange))
 */
export function requestObserver(
  telemetry: RequestTelemetry | undefined,
  metrics: RequestMetrics | undefined,
): RequestObserver | undefined {
  if (telemetry === undefined || metrics === undefined) return telemetry ?? metrics
  return { observe: (exchange, serve) => metrics.observe(exchange, () => telemetry.observe(exchange, serve)) }
}

/**
 * The request metrics the `metrics` option asks for: the application's own registry for `true`,
 * OpenTelemetry's meter for the API; `undefined` when off.
 */
export function requestMetrics(
  option: MetricsOption | undefined,
  registry: MetricsRegistry | undefined,
): RequestMetrics | undefined {
  if (option === undefined || option === false) return undefined
  if (option === true) return registry === undefined ? undefined : new RequestMetrics(registry)
  const options = 'api' in option ? option : { api: option }
  return new RequestMetrics(new OtelMetricsSink(options.api, options.meterName ?? 'restmachine'))
}
