import { ConfigurationError } from '../errors/index.js'
import type { DeclaredReturns } from '../machine/index.js'
import { toJsonSchema } from '../openapi/index.js'
import { compileJsonSerializer, type JsonSchemaNode } from '../render/index.js'
import { nodeEnvironment } from '../viewer/index.js'

/**
 * Compiles a route's `returns` schema into the writer HANDLER uses for JSON bodies
 * (docs/decisions/0515). What a wrong shape does is decided here, once: outside production
 * (`NODE_ENV` not `production`) it throws, so the request is a 500 whose body is the generic
 * message while the log gets the place and the types; in production it is logged with the
 * request's id and the body is written anyway (its undeclared properties still dropped).
 *
 * @example
 * declaredReturns(z.object({ id: z.string() }), 'route GET /users/{id}')?.write({ id: '1', hash: 'x' }, exchange) // '{"id":"1"}'
 */
export function declaredReturns(
  schema: object | undefined,
  consumer: string,
  environment?: string,
): DeclaredReturns | undefined {
  if (schema === undefined) return undefined
  const json = toJsonSchema(schema, 'output')
  if (json === undefined) {
    throw new ConfigurationError(
      `${consumer}: 'returns' needs a JSON Schema or a Standard Schema with a JSON Schema converter (~standard.jsonSchema, as zod 4 has)`,
    )
  }
  const serialize = compileJsonSerializer(json as JsonSchemaNode)
  if ((environment ?? nodeEnvironment()) !== 'production')
    return { schema, write: (value) => serialize(value) }
  return {
    schema,
    write: (value, request) =>
      serialize(value, (error) =>
        request.log.error(
          {
            err: error,
            route: consumer,
            at: error.where,
            expected: error.expected,
            received: error.received,
          },
          'response body does not match the route’s declared schema (sent anyway in production)',
        ),
      ),
  }
}
