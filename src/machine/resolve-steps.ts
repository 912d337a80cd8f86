import type { Provider, ProviderKind } from '../di/provider.js'
import { Forbidden, NotFound, Unauthorized } from '../errors/status-errors.js'
import type { Exchange } from './exchange.js'

/** Whether a value is a promise-like (so the machine awaits only when it must). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  // Native promises first: a \`then\` lookup on arbitrary objects is a megamorphic property load.
  if (value instanceof Promise) return true
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) === Object.prototype)
    return false
  return typeof (value as { then?: unknown }).then === 'function'
}

/**
 * Resolves providers in order into the exchange's context. Returns `false` as soon as a provider
 * of kind `answers` says no (its node's false edge), and throws the matching error when a provider
 * of another kind says no — so a 404 from a resource needed by an authorization check is still a 404.
 * Synchronous while every provider is; continues asynchronously from the first promise.
 */
export function resolveSteps(
  exchange: Exchange,
  steps: readonly Provider[],
  answers: ProviderKind,
  from = 0,
): boolean | Promise<boolean> {
  const context = exchange.context
  for (let i = from; i < steps.length; i++) {
    const step = steps[i] as Provider
    const value = step.resolve(context, exchange)
    if (isThenable(value)) {
      return Promise.resolve(value).then((settled) =>
        accept(exchange, step, settled, answers) ? resolveSteps(exchange, steps, answers, i + 1) : false,
      )
    }
    if (!accept(exchange, step, value, answers)) return false
  }
  return true
}

function accept(exchange: Exchange, step: Provider, value: unknown, answers: ProviderKind): boolean {
  const context = exchange.context
  const refused = refusal(step.kind, value)
  if (refused !== undefined) {
    if (isBeingCreated(exchange, step)) {
      // RFC 9110 §9.3.4: a PUT to a missing resource that the route creates goes on without it.
      exchange.creating = true
      context[step.name] = undefined
      return true
    }
    if (step.kind === answers) return false
    throw refused
  }
  context[step.name] = value
  return true
}

function isBeingCreated(exchange: Exchange, step: Provider): boolean {
  return step.kind === 'resource' && exchange.plan?.creates === step.name && exchange.request.method === 'PUT'
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
