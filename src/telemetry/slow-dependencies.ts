import { type PhaseSteps, type Provider, type RequestState, wrapSteps } from '../di/index.js'
import type { RequestTelemetry } from './request-telemetry.js'
import { recordSlowSpan, timed } from './slow-span.js'

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
  return wrapSteps(steps, wrapped, (provider) =>
    TIMED_KINDS.has(provider.kind) ? timedProvider(provider, telemetry) : provider,
  )
}

function timedProvider(provider: Provider, telemetry: RequestTelemetry): Provider {
  const resolve = provider.resolve
  const attributes = {
    'restmachine.dependency.name': provider.name,
    'restmachine.dependency.kind': provider.kind,
  }
  const name = `${provider.kind} ${provider.name}`
  return {
    ...provider,
    resolve: (context: Record<string, unknown>, state: RequestState): unknown =>
      timed(
        () => resolve(context, state),
        (started, error) => {
          const parent = telemetry.spanOf(state)
          if (parent !== undefined) recordSlowSpan(telemetry, parent, name, attributes, started, error)
        },
      ),
  }
}
