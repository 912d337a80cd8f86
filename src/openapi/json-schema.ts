import type { StandardJSONSchemaV1 } from '@standard-schema/spec'
import type { JsonSchema } from './openapi-types.js'

/** Which side of a schema to describe: what clients send (`input`) or what they receive (`output`). */
export type SchemaSide = 'input' | 'output'

/**
 * The JSON Schema converter a schema library exposes through the Standard JSON Schema interface
 * (`~standard.jsonSchema`, implemented by zod 4, among others), or `undefined`.
 *
 * @example
 * jsonSchemaConverter(z.object({ id: z.string() }))?.input({ target: 'draft-2020-12' })
 */
export function jsonSchemaConverter(value: unknown): StandardJSONSchemaV1.Converter | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const standard = (value as { '~standard'?: { jsonSchema?: Partial<StandardJSONSchemaV1.Converter> } })[
    '~standard'
  ]
  const converter = standard?.jsonSchema
  if (typeof converter?.input !== 'function' || typeof converter.output !== 'function') return undefined
  return converter as StandardJSONSchemaV1.Converter
}

/**
 * Converts a schema to JSON Schema 2020-12 (OpenAPI 3.1's dialect) with the library's own converter.
 * A plain JSON Schema object passes through. `undefined` when the library offers no converter or
 * refuses the schema. Types JSON cannot express (dates, functions) become `{}` rather than failing the
 * whole document (zod's `unrepresentable: 'any'`; other libraries ignore the option).
 *
 * @example
 * toJsonSchema(z.object({ title: z.string() }), 'input') // { $schema: …, type: 'object', properties: … }
 */
export function toJsonSchema(schema: unknown, side: SchemaSide): JsonSchema | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined
  if (!('~standard' in schema)) return schema as JsonSchema
  const converter = jsonSchemaConverter(schema)
  if (converter === undefined) return undefined
  try {
    return converter[side]({ target: 'draft-2020-12', libraryOptions: { unrepresentable: 'any' } })
  } catch {
    return undefined
  }
}

/**
 * Makes a standalone schema fit under `base` (a JSON pointer into the document): its local `$ref`s
 * (`#`, `#/$defs/…`) are rewritten to point below `base`, because inside an OpenAPI document `#`
 * means the document's root. The top-level `$schema` and `$id` go, so the refs resolve against the
 * document (OpenAPI 3.1 schemas default to the 2020-12 dialect).
 *
 * @example
 * relocate({ items: { $ref: '#' } }, '#/components/schemas/Node') // { items: { $ref: '#/components/schemas/Node' } }
 */
export function relocate(schema: JsonSchema, base: string): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema
  return rewrite(rest, base) as JsonSchema
}

function rewrite(value: unknown, base: string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, base))
  if (typeof value !== 'object' || value === null) return value
  const copy: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      key === '$ref' && typeof item === 'string' && item.startsWith('#')
        ? base + item.slice(1)
        : rewrite(item, base)
  }
  return copy
}
