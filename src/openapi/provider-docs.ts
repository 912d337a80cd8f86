import type { Provider } from '../di/index.js'
import type { DependencyDoc } from './generate-options.js'

/** Where a validator's input comes from. */
export type ValidatorSource = 'body' | 'query'

/**
 * The Standard Schema a `validates(name, schema)` provider checks, when the provider exposes it as
 * `schema`; `undefined` for validator functions (and for providers that do not expose it).
 *
 * @example
 * validatorSchema(app.describe().providers.get('documentInput')!) // the zod schema
 */
export function validatorSchema(provider: Provider): object | undefined {
  if (provider.kind !== 'validator' || !('schema' in provider)) return undefined
  const schema = provider.schema
  return typeof schema === 'object' && schema !== null && '~standard' in schema ? schema : undefined
}

/**
 * What a validator reads: the body (`jsonBody`, `parsedBody`) or the query (`queryParams`); `undefined`
 * for providers that are not validators or read neither.
 *
 * @example
 * validatorSource(provider) // 'body'
 */
export function validatorSource(provider: Provider): ValidatorSource | undefined {
  if (provider.kind !== 'validator') return undefined
  if (provider.inject.includes('queryParams')) return 'query'
  if (provider.inject.includes('jsonBody') || provider.inject.includes('parsedBody')) return 'body'
  return undefined
}

/**
 * The documentation of a dependency: the generator's `dependencies[name]`, merged over what the
 * provider itself carries as `openapi` (its registration option, when the application supports it).
 *
 * @example
 * dependencyDoc(provider, { loginRateLimit: { responses: [429] } })
 */
export function dependencyDoc(
  provider: Provider,
  given: Readonly<Record<string, DependencyDoc>> | undefined,
): DependencyDoc | undefined {
  const own = 'openapi' in provider && isDependencyDoc(provider.openapi) ? provider.openapi : undefined
  const option = given !== undefined && Object.hasOwn(given, provider.name) ? given[provider.name] : undefined
  if (own === undefined) return option
  if (option === undefined) return own
  return {
    responses: [...(own.responses ?? []), ...(option.responses ?? [])],
    security: option.security ?? own.security,
    optional: option.optional ?? own.optional,
  }
}

function isDependencyDoc(value: unknown): value is DependencyDoc {
  if (typeof value !== 'object' || value === null) return false
  const { responses, security } = value as { responses?: unknown; security?: unknown }
  return (
    (responses === undefined || (Array.isArray(responses) && responses.every(Number.isInteger))) &&
    (security === undefined || (typeof security === 'object' && security !== null && 'type' in security))
  )
}
