import type { PhaseSteps } from './phase.js'
import type { Provider } from './provider.js'

/**
 * A route's steps with each provider replaced by `wrap(provider)` (or kept, when it returns the
 * provider itself). `wrapped` remembers each provider's replacement, so a provider shared by many
 * routes is wrapped once. Used at start only, by what observes resolution (telemetry, the viewer).
 *
 * @example
 * const timed = wrapSteps(plan.steps, new Map(), (provider) => ({ ...provider, resolve: timing(provider.resolve) }))
 */
export function wrapSteps(
  steps: PhaseSteps,
  wrapped: Map<Provider, Provider>,
  wrap: (provider: Provider) => Provider,
): PhaseSteps {
  const each = (providers: readonly Provider[]) =>
    providers.map((provider) => {
      let replacement = wrapped.get(provider)
      if (replacement === undefined) {
        replacement = wrap(provider)
        wrapped.set(provider, replacement)
      }
      return replacement
    })
  return {
    seed: each(steps.seed),
    authorize: each(steps.authorize),
    forbid: each(steps.forbid),
    resource: each(steps.resource),
    input: each(steps.input),
  }
}
