import type { PhaseSteps, Provider, RequestState } from '../di/index.js'
import { isThenable } from '../machine/index.js'
import type { RequestTelemetry } from './request-telemetry.js'

/** The kinds whose resolution is the application's own work (built-ins and startup values are lookups). */
const TIMED_KINDS = new Set(['dependency', 'resource', 'authorized', 'forbidden', 'validator'])

/**
 * A route's steps with each of the application's own providers timed: one that takes at least the
 * threshold becomes a child span of the request's (`resource user`, kind INTERNAL, its real start
 * and end), one that is faster leaves no trace. Used only when telemetry is on, so an application
 * without it times nothing; each provider is wrapped once, however many routes use it.
 *
 * @example
 * compileRoute(route, …, (steps) => timeSlowDependencies(steps, telemetry, wrapped))
 */
export function timeSlowDependencies(
  steps: PhaseSteps,
  telemetry: RequestTelemetry,
  wrapped: Map<Provider, Provider>,
): PhaseSteps {
  const time = (providers: readonly Provider[]) =>
    providers.map((provider) => {
      if (!TIMED_KINDS.has(provider.kind)) return provider
      let timed = wrapped.get(provider)
      if (timed === undefined) {
        timed = timedProvider(provider, telemetry)
        wrapped.set(provider, timed)
      }
      return timed
    })
  return {
    seed: time(steps.seed),
    authorize: time(steps.authorize),
    forbid: time(steps.forbid),
    resource: time(steps.resource),
    input: time(steps.input),
  }
}

function timedProvider(provider: Provider, telemetry: RequestTelemetry): Provider {
  const resolve = provider.resolve
  return {
    ...provider,
    resolve(context: Record<string, unknown>, state: RequestState): unknown {
      const started = performance.now()
      let value: unknown
      try {
        value = resolve(context, state)
      } catch (error) {
        record(telemetry, provider, state, started, error)
        throw error
      }
      if (!isThenable(value)) {
        record(telemetry, provider, state, started, undefined)
        return value
      }
      return Promise.resolve(value).then(
        (settled) => {
          record(telemetry, provider, state, started, undefined)
          return settled
        },
        (error: unknown) => {
          record(telemetry, provider, state, started, error)
          throw error
        },
      )
    },
  }
}

/** A child span for a resolution that took at least the threshold; nothing for a faster one. */
function record(
  telemetry: RequestTelemetry,
  provider: Provider,
  state: RequestState,
  started: number,
  error: unknown,
): void {
  const ended = performance.now()
  if (ended - started < telemetry.slowDependencyMs) return
  const parent = telemetry.spanOf(state)
  if (parent === undefined) return
  const { api } = telemetry
  const span = telemetry.tracer.startSpan(
    `${provider.kind} ${provider.name}`,
    {
      kind: api.SpanKind.INTERNAL,
      startTime: performance.timeOrigin + started,
      attributes: {
        'restmachine.dependency.name': provider.name,
        'restmachine.dependency.kind': provider.kind,
      },
    },
    api.trace.setSpan(api.context.active(), parent),
  )
  if (error !== undefined && !isClientError(error)) {
    span.setAttribute('error.type', error instanceof Error ? error.name : typeof error)
    span.setStatus({ code: api.SpanStatusCode.ERROR })
  }
  span.end(performance.timeOrigin + ended)
}

/** An `HttpError` below 500 (a 404 from a resource, say): the request's answer, not a failure. */
function isClientError(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' && status < 500
}
