/**
 * The part of `@opentelemetry/api`'s metrics API that RestMachine uses, written out structurally
 * (like `TelemetryApi`): the package is an optional peer that neither the code nor the
 * published types import. `import * as otel from '@opentelemetry/api'` satisfies it.
 */
import type { TelemetryAttributes } from './telemetry-api.js'

/** Options of `Meter.createHistogram` and `Meter.createCounter` that RestMachine sets. */
export interface MetricInstrumentOptions {
  description?: string
  unit?: string
  /** `explicitBucketBoundaries`: the histogram's buckets, when the SDK's view does not override them. */
  advice?: { explicitBucketBoundaries?: number[] }
}

/** An OpenTelemetry `Histogram`. */
export interface MetricHistogram {
  record(value: number, attributes?: TelemetryAttributes): void
}

/** An OpenTelemetry `Counter`. */
export interface MetricCounter {
  add(value: number, attributes?: TelemetryAttributes): void
}

/** An OpenTelemetry `Meter`. */
export interface MetricMeter {
  createHistogram(name: string, options?: MetricInstrumentOptions): MetricHistogram
  createCounter(name: string, options?: MetricInstrumentOptions): MetricCounter
}

/**
 * `@opentelemetry/api` as RestMachine's metrics see it: `metrics.getMeter`.
 *
 * @example
 * import * as otel from '@opentelemetry/api'
 * const app = new RestApplication({ metrics: otel })
 */
export interface MetricsApi {
  readonly metrics: { getMeter(name: string, version?: string): MetricMeter }
}

/** Metrics settings with OpenTelemetry. */
export interface MetricsOptions {
  /** `@opentelemetry/api` (`import * as otel from '@opentelemetry/api'`). */
  readonly api: MetricsApi
  /** The meter's name. Default `restmachine`. */
  readonly meterName?: string
}

/**
 * The `metrics` option: `true` for the built-in registry that `metricsEndpoint(app)` serves in
 * Prometheus text, or `@opentelemetry/api` (alone or with settings) to record through its meter.
 *
 * @example
 * new RestApplication({ metrics: true })  // app.get('/metrics', metricsEndpoint(app))
 * new RestApplication({ metrics: otel })  // the SDK's MeterProvider exports them
 */
export type MetricsOption = boolean | MetricsApi | MetricsOptions
