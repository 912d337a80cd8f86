import { ConfigurationError } from '../errors/index.js'
import { RestResponse } from '../http/index.js'
import { type MetricsRegistry, PROMETHEUS_CONTENT_TYPE } from '../telemetry/index.js'

/** An application whose own metrics can be served: any `RestApplication`. */
export interface MeasuredApp {
  readonly metrics: MetricsRegistry | undefined
}

/**
 * A handler that answers with the application's metrics in the Prometheus text exposition format
 * 0.0.4 (`Content-Type: text/plain; version=0.0.4; charset=utf-8`), for Prometheus to scrape. The
 * application must record them itself (`metrics: true`): with OpenTelemetry, the SDK's exporter
 * serves them instead. Register it like any route, behind the guards it deserves (an internal port,
 * `authorized`): the counts say where attacks land.
 *
 * @example
 * const app = new RestApplication({ metrics: true })
 * app.get('/metrics', metricsEndpoint(app))
 */
export function metricsEndpoint(app: MeasuredApp): () => RestResponse {
  const registry = app.metrics
  if (registry === undefined) {
    throw new ConfigurationError(
      'metricsEndpoint: this application keeps no metrics of its own; create it with { metrics: true } ' +
        '(with OpenTelemetry, the SDK exports them: no endpoint is needed here)',
    )
  }
  // RFC 9111 §5.2.2.5: every scrape must see the counts as they are now, never a cached copy.
  return () =>
    new RestResponse(
      200,
      { 'content-type': PROMETHEUS_CONTENT_TYPE, 'cache-control': 'no-store' },
      registry.expose(),
    )
}
