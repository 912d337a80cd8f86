import type { Provider, ProviderKind } from './provider.js'

/**
 * When a provider is resolved during a request, named after the decision node that asks for it:
 * `seed` before the diagram runs, `authorize` at B8, `forbid` at B7, `resource` at G7, `input` at INPUT.
 *
 * @example
 * const phase: Phase = 'authorize'
 */
export type Phase = 'seed' | 'authorize' | 'forbid' | 'resource' | 'input'

/** The phases in the order a request meets them. */
export const PHASES = ['seed', 'authorize', 'forbid', 'resource', 'input'] as const satisfies readonly Phase[]

const ORDER: Readonly<Record<Phase, number>> = { seed: 0, authorize: 1, forbid: 2, resource: 3, input: 4 }

/** The phase a provider of each kind is resolved in when nothing it injects comes later. */
const OWN_PHASE: Readonly<Record<ProviderKind, Phase>> = {
  builtin: 'seed',
  startup: 'seed',
  dependency: 'authorize',
  authorized: 'authorize',
  forbidden: 'forbid',
  resource: 'resource',
  validator: 'input',
}

/**
 * The providers a route needs, grouped by the phase that resolves them; within a phase each comes
 * after everything it injects.
 */
export interface PhaseSteps {
  /** Free values (request, headers, startup values…), set before the diagram runs. */
  readonly seed: readonly Provider[]
  /** Resolved at B8: authentication and everything else that needs neither a resource nor the body. */
  readonly authorize: readonly Provider[]
  /** Resolved at B7: `forbidden` callbacks that need no resource. */
  readonly forbid: readonly Provider[]
  /** Resolved at G7: `resourceExists` callbacks and what depends on them. */
  readonly resource: readonly Provider[]
  /** Resolved at INPUT: the body, validators and what depends on them. */
  readonly input: readonly Provider[]
}

/** A route's steps and the phase each of its names is resolved in. */
export interface PhasedProviders {
  readonly steps: PhaseSteps
  readonly phases: ReadonlyMap<string, Phase>
}

/** Whether phase `a` comes after phase `b` in a request. */
export function isLater(a: Phase, b: Phase): boolean {
  return ORDER[a] > ORDER[b]
}

/**
 * Sorts providers (already ordered by {@link orderProviders}) into phases: a provider's own phase
 * (by kind; `input` when it reads the body), or the latest phase of what it injects.
 *
 * @example
 * const { steps } = groupByPhase(orderProviders(route.inject, providers, params, consumer))
 * steps.authorize // resolved at B8
 */
export function groupByPhase(ordered: readonly Provider[]): PhasedProviders {
  const phases = new Map<string, Phase>()
  const steps: Record<Phase, Provider[]> = { seed: [], authorize: [], forbid: [], resource: [], input: [] }
  for (const provider of ordered) {
    let phase: Phase = provider.readsBody ? 'input' : OWN_PHASE[provider.kind]
    for (const name of provider.inject) {
      const needed = phases.get(name)
      if (needed !== undefined && isLater(needed, phase)) phase = needed
    }
    phases.set(provider.name, phase)
    steps[phase].push(provider)
  }
  return { steps, phases }
}

/**
 * The latest phase among the names (`seed` for none, or names resolved by no provider, such as path parameters).
 *
 * @example
 * latestPhase(fact.inject, phases) // 'resource' when the fact needs the resource
 */
export function latestPhase(names: readonly string[], phases: ReadonlyMap<string, Phase>): Phase {
  let latest: Phase = 'seed'
  for (const name of names) {
    const phase = phases.get(name)
    if (phase !== undefined && isLater(phase, latest)) latest = phase
  }
  return latest
}
