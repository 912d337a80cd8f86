import { isThenable } from '../machine/index.js'
import type { RequestTelemetry } from './request-telemetry.js'
import type { TelemetryAttributes, TelemetrySpan } from './telemetry-api.js'

/**
 * Runs `work` (synchronous or not) and, once it settled, calls `settled` with its start time
 * (`performance.now()`) and what it threw (`undefined` when it did not). Returns what `work`
 * returns, a rejection passed on.
 *
 * @example
 * timed(() => provider.resolve(context, state), (started, error) => recordSlowSpan(…))
 */
export function timed(work: () => unknown, settled: (started: number, error: unknown) => void): unknown {
  const started = performance.now()
  let value: unknown
  try {
    value = work()
  } catch (error) {
    settled(started, error)
    throw error
  }
  if (!isThenable(value)) {
    settled(started, undefined)
    return value
  }
  return Promise.resolve(value).then(
    (result) => {
      settled(started, undefined)
      return result
    },
    (error: unknown) => {
      settled(started, error)
      throw error
    },
  )
}

/**
 * A child span of `parent`, kind INTERNAL, from `started` to now, when that took at least the
 * threshold (`slowDependencyMs`); nothing for a faster one. One that threw gets the ERROR status and
 * `error.type`, unless what it threw is an `HttpError` below 500 (a 404 from a resource: the
 * request's answer, not a failure).
 */
export function recordSlowSpan(
  telemetry: RequestTelemetry,
  parent: TelemetrySpan,
  name: string,
  attributes: TelemetryAttributes,
  started: number,
  error: unknown,
): void {
  const ended = performance.now()
  if (ended - started < telemetry.slowDependencyMs) return
  const { api } = telemetry
  const span = telemetry.tracer.startSpan(
    name,
    { kind: api.SpanKind.INTERNAL, startTime: performance.timeOrigin + started, attributes },
    api.trace.setSpan(api.context.active(), parent),
  )
  if (error !== undefined && !isClientError(error)) {
    span.setAttribute('error.type', error instanceof Error ? error.name : typeof error)
    span.setStatus({ code: api.SpanStatusCode.ERROR })
  }
  span.end(performance.timeOrigin + ended)
}

function isClientError(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' && status < 500
}
