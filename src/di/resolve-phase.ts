import { Forbidden, NotFound, Unauthorized } from '../errors/index.js'
import { PATH_PARAMS } from './built-ins.js'
import type { Phase } from './phase.js'
import type { Provider, ProviderKind } from './provider.js'
import type { RequestState } from './request-state.js'
import { isThenable } from './thenable.js'

/**
 * Sets the values that cost nothing to compute before any node runs: path parameters (each by its
 * name and all as `pathParams`) and the route's `seed` phase (built-ins, startup values). Always
 * synchronous; called once the route has matched.
 *
 * @example
 * seedContext(exchange)
 */
export function seedContext(state: RequestState): void {
  const context = state.context
  const params = state.params as Record<string, string>
  context[PATH_PARAMS] = params
  for (const name in params) context[name] = params[name]
  const seed = state.plan?.steps.seed ?? []
  for (let i = 0; i < seed.length; i++) {
    const provider = seed[i] as Provider
    context[provider.name] = provider.resolve(context, state)
  }
}

/** The kind of provider whose "no" is the false edge of the node that resolves each phase. */
const ANSWERS: Readonly<Record<Exclude<Phase, 'seed'>, ProviderKind>> = {
  authorize: 'authorized',
  forbid: 'forbidden',
  resource: 'resource',
  input: 'validator',
}

/**
 * Resolves one phase of the matched route's providers in order into the request's context, each
 * once per request. Returns `false` as soon as a provider of the kind the phase's node answers for
 * says no (`authorized` at B8, `forbidden` at B7, `resource` at G7, `validator` at INPUT: the
 * node's false edge), and throws the matching error when a provider of another kind says no — so a
 * 404 from a resource needed by an authorization check is still a 404. Synchronous while every
 * provider is; continues asynchronously from the first promise.
 *
 * @example
 * // B8: "Authorized?"
 * const authorized = resolvePhase(exchange, 'authorize')
 */
export function resolvePhase(state: RequestState, phase: Exclude<Phase, 'seed'>): boolean | Promise<boolean> {
  const plan = state.plan
  if (plan === undefined) return true
  return resolveFrom(state, plan.steps[phase], ANSWERS[phase], 0)
}

function resolveFrom(
  state: RequestState,
  steps: readonly Provider[],
  answers: ProviderKind,
  from: number,
): boolean | Promise<boolean> {
  const context = state.context
  for (let i = from; i < steps.length; i++) {
    const step = steps[i] as Provider
    const value = step.resolve(context, state)
    if (isThenable(value)) {
      return Promise.resolve(value).then((settled) =>
        accept(state, step, settled, answers) ? resolveFrom(state, steps, answers, i + 1) : false,
      )
    }
    if (!accept(state, step, value, answers)) return false
  }
  return true
}

function accept(state: RequestState, step: Provider, value: unknown, answers: ProviderKind): boolean {
  const context = state.context
  if (refuses(step.kind, value)) {
    if (step.kind !== answers) throw refusalError(step.kind)
    // Resolved, once, to nothing: resumePhase can go on past it.
    context[step.name] = undefined
    return false
  }
  context[step.name] = value
  return true
}

/**
 * Goes on with a phase that stopped at the "no" of the provider `name`, as if it had answered
 * nothing (each provider still resolves once per request). Returns `false` when the phase did not
 * stop there (another provider said no first, or `name` said yes), or when a later provider of the
 * phase's kind says no. I7 uses it for a PUT that creates its missing resource (RFC 9110 §9.3.4).
 *
 * @example
 * // I7: the resource a PUT creates was not found; resolve what comes after it.
 * resumePhase(exchange, 'resource', plan.creates)
 */
export function resumePhase(
  state: RequestState,
  phase: Exclude<Phase, 'seed'>,
  name: string,
): boolean | Promise<boolean> {
  const context = state.context
  const steps = state.plan?.steps[phase] ?? []
  const at = steps.findIndex((step) => step.name === name)
  if (at === -1 || !Object.hasOwn(context, name) || context[name] !== undefined) return false
  return resolveFrom(state, steps, ANSWERS[phase], at + 1)
}

/** Whether a provider's value is its "no": nothing from a resource, nothing or `false` from a check. */
function refuses(kind: ProviderKind, value: unknown): boolean {
  switch (kind) {
    case 'resource':
      return value === null || value === undefined
    case 'authorized':
    case 'forbidden':
      return value === null || value === undefined || value === false
    default:
      return false
  }
}

/**
 * The error a "no" met outside its own node stands for (a 404 from a resource an authorization
 * check needs is still a 404). Made only when thrown: a node's own "no" is an edge, and building
 * an error (its stack) for every refused request would cost more than the rest of the run.
 */
function refusalError(kind: ProviderKind): Error {
  if (kind === 'resource') return new NotFound()
  return kind === 'authorized' ? new Unauthorized('Authentication required') : new Forbidden()
}
