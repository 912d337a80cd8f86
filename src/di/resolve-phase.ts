import { Forbidden, NotFound, Unauthorized } from '../errors/status-errors.js'
import { PATH_PARAMS } from './built-ins.js'
import type { Phase } from './phase.js'
import type { Provider, ProviderKind } from './provider.js'
import type { RequestState } from './request-state.js'

/**
 * Whether a value is a promise-like (so callers await only when they must).
 *
 * @example
 * const value = provider.resolve(context, state)
 * if (isThenable(value)) return value.then(next)
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  // Native promises first: a \`then\` lookup on arbitrary objects is a megamorphic property load.
  if (value instanceof Promise) return true
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) === Object.prototype)
    return false
  return typeof (value as { then?: unknown }).then === 'function'
}

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
 * const authorized = resolvePhase(x, 'authorize')
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
  const refused = refusal(step.kind, value)
  if (refused !== undefined) {
    if (isBeingCreated(state, step)) {
      // RFC 9110 §9.3.4: a PUT to a missing resource that the route creates goes on without it.
      state.creating = true
      context[step.name] = undefined
      return true
    }
    if (step.kind === answers) return false
    throw refused
  }
  context[step.name] = value
  return true
}

function isBeingCreated(state: RequestState, step: Provider): boolean {
  return step.kind === 'resource' && state.plan?.creates === step.name && state.request.method === 'PUT'
}

/** The error a provider's "no" stands for, or `undefined` when its value is a yes. */
function refusal(kind: ProviderKind, value: unknown): Error | undefined {
  switch (kind) {
    case 'resource':
      return value === null || value === undefined ? new NotFound() : undefined
    case 'authorized':
      return value === null || value === undefined || value === false
        ? new Unauthorized('Authentication required')
        : undefined
    case 'forbidden':
      return value === null || value === undefined || value === false ? new Forbidden() : undefined
    default:
      return undefined
  }
}
