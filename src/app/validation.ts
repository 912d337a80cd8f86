import type { StandardSchemaV1 } from '@standard-schema/spec'
import { isThenable, type Provider, whenSettled } from '../di/index.js'
import { UnprocessableEntity, type ValidationDetail } from '../errors/index.js'

/**
 * Whether a value implements the Standard Schema interface (zod, valibot, arktype, effect…).
 *
 * @example
 * isStandardSchema(z.object({})) // true
 */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  const standard = (value as { '~standard'?: { validate?: unknown } } | null)?.['~standard']
  return typeof standard === 'object' && standard !== null && typeof standard.validate === 'function'
}

/** Validates with a Standard Schema: the output value, or a 422 listing every issue. */
export function validateWithSchema(schema: StandardSchemaV1, input: unknown): unknown {
  const result = schema['~standard'].validate(input)
  return whenSettled(result, unwrap)
}

function unwrap(result: StandardSchemaV1.Result<unknown>): unknown {
  if (result.issues !== undefined) throw validationError(result.issues)
  return result.value
}

/** Builds the 422 for a list of Standard Schema issues. */
export function validationError(issues: readonly StandardSchemaV1.Issue[]): UnprocessableEntity {
  return new UnprocessableEntity('Validation failed', issues.map(toDetail))
}

function toDetail(issue: StandardSchemaV1.Issue): ValidationDetail {
  const loc = (issue.path ?? []).map((segment) => {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment
    return typeof key === 'number' ? key : String(key)
  })
  const code = (issue as { code?: unknown }).code
  return { loc, msg: issue.message, type: typeof code === 'string' ? code : 'invalid' }
}

/** If a thrown value carries Standard-Schema-like `issues` (e.g. a ZodError), the matching 422. */
export function asValidationError(error: unknown): UnprocessableEntity | undefined {
  const issues = (error as { issues?: unknown } | null)?.issues
  if (!Array.isArray(issues) || issues.length === 0) return undefined
  if (!issues.every((i) => typeof (i as { message?: unknown })?.message === 'string')) return undefined
  return validationError(issues as StandardSchemaV1.Issue[])
}

/** A provider that validates the JSON body (or the query) with a Standard Schema. */
export function schemaProvider(name: string, schema: StandardSchemaV1, source: 'body' | 'query'): Provider {
  const input = source === 'query' ? 'queryParams' : 'parsedBody'
  return {
    name,
    kind: 'validator',
    inject: [input],
    readsBody: input === 'parsedBody',
    resolve: (context) => validateWithSchema(schema, context[input]),
    schema,
  }
}

/** Wraps a validator function so that a thrown error carrying `issues` (e.g. a ZodError) becomes a 422. */
export function guardValidator(fn: (context: Record<string, unknown>) => unknown) {
  return (context: Record<string, unknown>): unknown => {
    try {
      const value = fn(context)
      return isThenable(value) ? Promise.resolve(value).catch(rethrowAsValidation) : value
    } catch (error) {
      return rethrowAsValidation(error)
    }
  }
}

function rethrowAsValidation(error: unknown): never {
  throw asValidationError(error) ?? error
}
