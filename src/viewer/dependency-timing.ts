import { type PhaseSteps, type Provider, type RequestState, wrapSteps } from '../di/index.js'
import { timed } from '../telemetry/index.js'

/** Where a timed provider reports: the viewer, which knows the request in flight. */
export interface TimingSink {
  resolved(state: RequestState, provider: Provider, started: number, error: unknown): void
}

/**
 * A route's steps with every provider timed for the viewer: made at start only when the viewer is
 * on, so an application without it resolves its providers as they are. Each provider is wrapped
 * once, however many routes use it.
 *
 * @example
 * compileRoute(route, …, (steps) => timeDependencies(steps, viewer, wrapped))
 */
export function timeDependencies(
  steps: PhaseSteps,
  sink: TimingSink,
  wrapped: Map<Provider, Provider>,
): PhaseSteps {
  return wrapSteps(steps, wrapped, (provider) => withTiming(provider, sink))
}

function withTiming(provider: Provider, sink: TimingSink): Provider {
  const resolve = provider.resolve
  return {
    ...provider,
    resolve: (context: Record<string, unknown>, state: RequestState): unknown =>
      timed(
        () => resolve(context, state),
        (started, error) => sink.resolved(state, provider, started, error),
      ),
  }
}
