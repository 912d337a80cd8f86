/**
 * The part of `@opentelemetry/api` RestMachine uses, written out structurally so that neither the
 * code nor the published types import the package: it is an optional peer, and an application
 * without it pays nothing. The module itself satisfies it: `import * as otel from
 * '@opentelemetry/api'` and pass `otel`.
 */

/** An attribute value, as OpenTelemetry accepts it. */
export type TelemetryAttributeValue = string | number | boolean

/** Span or event attributes. */
export type TelemetryAttributes = Record<string, TelemetryAttributeValue | undefined>

/** An OpenTelemetry `Context` (immutable; RestMachine only passes it on). */
export interface TelemetryContext {
  getValue(key: symbol): unknown
  setValue(key: symbol, value: unknown): TelemetryContext
  deleteValue(key: symbol): TelemetryContext
}

/** The span methods RestMachine calls. */
export interface TelemetrySpan {
  setAttribute(key: string, value: TelemetryAttributeValue): unknown
  setAttributes(attributes: TelemetryAttributes): unknown
  addEvent(name: string, attributes?: TelemetryAttributes): unknown
  setStatus(status: { code: number; message?: string }): unknown
  updateName(name: string): unknown
  end(endTime?: number): void
}

/** Options of `Tracer.startSpan` that RestMachine sets. */
export interface TelemetrySpanOptions {
  kind?: number
  attributes?: TelemetryAttributes
  /** Milliseconds since the epoch. */
  startTime?: number
}

/** An OpenTelemetry `Tracer`. */
export interface TelemetryTracer {
  startSpan(name: string, options?: TelemetrySpanOptions, context?: TelemetryContext): TelemetrySpan
}

/** Reads propagation fields (`traceparent`, `tracestate`, `baggage`) from a carrier. */
export interface TelemetryGetter<Carrier> {
  keys(carrier: Carrier): string[]
  get(carrier: Carrier, key: string): undefined | string | string[]
}

/**
 * `@opentelemetry/api` as RestMachine sees it: `trace`, `context`, `propagation`, `SpanKind` and
 * `SpanStatusCode`.
 *
 * @example
 * import * as otel from '@opentelemetry/api'
 * const app = new RestApplication({ telemetry: otel })
 */
export interface TelemetryApi {
  readonly trace: {
    getTracer(name: string, version?: string): TelemetryTracer
    setSpan(context: TelemetryContext, span: TelemetrySpan): TelemetryContext
  }
  readonly context: {
    active(): TelemetryContext
    with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
      context: TelemetryContext,
      fn: F,
      thisArg?: ThisParameterType<F>,
      ...args: A
    ): ReturnType<F>
  }
  readonly propagation: {
    extract<Carrier>(
      context: TelemetryContext,
      carrier: Carrier,
      getter?: TelemetryGetter<Carrier>,
    ): TelemetryContext
  }
  readonly SpanKind: { readonly SERVER: number; readonly INTERNAL: number }
  readonly SpanStatusCode: { readonly ERROR: number }
}

/**
 * The `telemetry` option: the API module itself, or it with settings.
 *
 * @example
 * new RestApplication({ telemetry: { api: otel, slowDependencyMs: 2 } })
 */
export type TelemetryOption = TelemetryApi | TelemetryOptions

/** Telemetry settings. */
export interface TelemetryOptions {
  /** `@opentelemetry/api` (`import * as otel from '@opentelemetry/api'`). */
  readonly api: TelemetryApi
  /**
   * A dependency (`dependency`, `authorized`, `forbidden`, `resourceExists`, `validates`) whose
   * resolution takes at least this many milliseconds gets a child span of the request's. Default 5;
   * `Infinity` turns them off.
   */
  readonly slowDependencyMs?: number
  /** The tracer's name. Default `restmachine`. */
  readonly tracerName?: string
}
