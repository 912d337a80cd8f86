// OpenTelemetry's SDK as an application would register it, with spans kept in memory for the tests.
import * as otel from '@opentelemetry/api'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'

/**
 * Registers an in-memory tracer provider and the W3C propagator globally, in place of any a test
 * file run before in the same worker registered (the API keeps them on `globalThis`).
 */
export function registerInMemoryTracing(): InMemorySpanExporter {
  otel.trace.disable()
  otel.propagation.disable()
  const exporter = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })
  otel.trace.setGlobalTracerProvider(provider)
  otel.propagation.setGlobalPropagator(new W3CTraceContextPropagator())
  return exporter
}

/** A caller's span context, as `traceparent` (W3C Trace Context §3.2) carries it. */
export const CALLER = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
}

/** The one SERVER span the exporter holds; fails when there is not exactly one. */
export function serverSpan(exporter: InMemorySpanExporter): ReadableSpan {
  const spans = exporter.getFinishedSpans().filter((span) => span.kind === otel.SpanKind.SERVER)
  if (spans.length !== 1) throw new Error(`expected one server span, got ${spans.length}`)
  return spans[0] as ReadableSpan
}

/** The names of a span's events, in order. */
export function eventNames(span: ReadableSpan): string[] {
  return span.events.map((event) => event.name)
}
