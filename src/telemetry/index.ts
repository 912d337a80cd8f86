export { type DecisionEvent, decisionEvents } from './decision-events.js'
export { conventionalMethod, requestAttributes } from './http-attributes.js'
export type {
  MetricCounter,
  MetricHistogram,
  MetricInstrumentOptions,
  MetricMeter,
  MetricsApi,
  MetricsOption,
  MetricsOptions,
} from './metrics-api.js'
export { DEFAULT_MAX_SERIES, MetricsRegistry, type MetricsRegistryOptions } from './metrics-registry.js'
export { OtelMetricsSink } from './otel-metrics.js'
export { PROMETHEUS_CONTENT_TYPE } from './prometheus-text.js'
export {
  MACHINE_ANSWERS,
  type MetricsSink,
  machineAnswerNode,
  REQUEST_DURATION,
  RequestMetrics,
} from './request-metrics.js'
export { type RequestObserver, requestMetrics, requestObserver } from './request-observer.js'
export { DEFAULT_SLOW_DEPENDENCY_MS, RequestTelemetry } from './request-telemetry.js'
export { timeSlowDependencies } from './slow-dependencies.js'
export { timed } from './slow-span.js'
export { traceStartup } from './startup-spans.js'
export type {
  TelemetryApi,
  TelemetryAttributes,
  TelemetryAttributeValue,
  TelemetryContext,
  TelemetryGetter,
  TelemetryOption,
  TelemetryOptions,
  TelemetrySpan,
  TelemetrySpanOptions,
  TelemetryTracer,
} from './telemetry-api.js'
