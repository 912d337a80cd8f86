import type { Emit } from './emit.js'
import { GeneratedMismatch, generateWriter } from './generate.js'
import { Compiler, type JsonSchemaNode } from './node-compiler.js'
import { ResponseShapeError } from './shape-error.js'

export type { JsonSchemaNode }

/**
 * Writes a response body as JSON, checked against the schema it was compiled from. Without
 * `report`, a body of the wrong shape throws a {@link ResponseShapeError}; with it, the error is
 * reported and the body is written anyway (wrong parts as `JSON.stringify` writes them, undeclared
 * properties still dropped).
 */
export type JsonSerializer = (value: unknown, report?: (error: ResponseShapeError) => void) => string

/**
 * Compiles a response schema once into a {@link JsonSerializer}: one closure per schema node
 * (src/render/json/node-compiler.ts), and generated code for object and array nodes on top where the
 * runtime allows `new Function` (src/render/json/generate.ts; `generate: false` keeps the closures).
 * Its output is exactly `JSON.stringify`'s for data of the declared shape whose properties come in
 * the schema's order (escaping, numbers, `toJSON`, omitted `undefined`), except that properties the
 * schema does not declare are dropped (unless `additionalProperties` allows them). Supported:
 * `type` (one or a list), `properties`, `required`, `additionalProperties`, `items`, `enum`,
 * `const`, nullable `anyOf`/`oneOf`, local `$ref` (`#`, `#/$defs/…`, recursion included). A node
 * using anything else is written by `JSON.stringify` (never a wrong output, no check there).
 * A `$ref` that points nowhere is a ConfigurationError.
 *
 * @example
 * const write = compileJsonSerializer({ type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] })
 * write({ id: 1, secret: 'x' }) // '{"id":1}'
 */
export function compileJsonSerializer(
  schema: JsonSchemaNode,
  options: JsonSerializerOptions = {},
): JsonSerializer {
  const compiler = new Compiler(schema)
  const root = compiler.node(schema)
  const generated = options.generate === false ? undefined : generateWriter(root, compiler.shapes)
  const strict = generated ?? ((value: unknown, key: string) => root(value, key, false))
  return (value, report) => {
    try {
      return strict(value, '') ?? ''
    } catch (error) {
      if (!(error instanceof ResponseShapeError || error instanceof GeneratedMismatch)) throw error
      return afterMismatch(root, value, report)
    }
  }
}

/** How {@link compileJsonSerializer} builds the writer. */
export interface JsonSerializerOptions {
  /**
   * Generate code for object and array nodes with `new Function` (default `true`); `false` keeps
   * the closures only. Where code generation is forbidden (Cloudflare Workers) the closures are used.
   */
  generate?: boolean
}

/** The closures run again to find the place of the mismatch, then throw it or report it and write leniently. */
function afterMismatch(
  root: Emit,
  value: unknown,
  report: ((error: ResponseShapeError) => void) | undefined,
) {
  try {
    return root(value, '', false) ?? ''
  } catch (error) {
    if (!(error instanceof ResponseShapeError)) throw error
    error.finish()
    if (report === undefined) throw error
    report(error)
    return root(value, '', true) ?? ''
  }
}
