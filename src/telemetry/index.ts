export { type DecisionEvent, decisionEvents } from './decision-events.js'
export { conventionalMethod, requestAttributes } from './http-attributes.js'
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
