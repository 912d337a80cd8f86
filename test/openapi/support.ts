import { Validator } from '@seriousme/openapi-schema-validator'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { expect } from 'vitest'
import {
  type DocumentableApp,
  type GenerateOpenApiOptions,
  generateOpenApi,
  type OpenApiDocument,
} from '../../src/openapi/index.js'

// One validator for the whole file: building one compiles the OpenAPI meta-schemas.
const validator = new Validator()

/**
 * Checks a document against the OpenAPI 3.1 schema with a maintained validator, and that every
 * `$ref` in it resolves; returns the document as JSON would carry it.
 */
export async function expectValidOpenApi(document: OpenApiDocument): Promise<OpenApiDocument> {
  const json = JSON.parse(JSON.stringify(document)) as OpenApiDocument
  // The validator dereferences the document it checked in place, so it gets its own copy.
  const result = await validator.validate(structuredClone(json) as unknown as Record<string, unknown>)
  expect(result.errors, JSON.stringify(result.errors, null, 2)).toBeUndefined()
  expect(result.valid).toBe(true)
  expect(validator.version).toBe('3.1')
  expect(() => validator.resolveRefs()).not.toThrow()
  expectConsistentOperations(json)
  return json
}

/** Generates an application's document and validates it. */
export function documentOf(
  app: DocumentableApp,
  options: Partial<GenerateOpenApiOptions> = {},
): Promise<OpenApiDocument> {
  return expectValidOpenApi(generateOpenApi(app, { title: 'Test API', version: '1.0.0', ...options }))
}

/** The sorted status keys of one operation's responses. */
export function statusesOf(document: OpenApiDocument, method: string, path: string): string[] {
  const operation = document.paths[path]?.[method as 'get']
  if (operation === undefined) throw new Error(`no ${method.toUpperCase()} ${path} in the document`)
  return Object.keys(operation.responses)
}

/**
 * Checks that a `validates(name, schema)` provider exposes its schema (the `schema` field the
 * generator reads) in the application's read-only view.
 */
export function expectSchemaExposed(app: DocumentableApp, name: string, schema: StandardSchemaV1): void {
  const provider = app.describe().providers.get(name)
  if (provider === undefined) throw new Error(`no provider '${name}'`)
  expect((provider as { schema?: unknown }).schema).toBe(schema)
}

/** What the schema cannot check: templated path parameters are declared, ids and parameters unique. */
function expectConsistentOperations(document: OpenApiDocument): void {
  const ids = new Set<string>()
  for (const [path, item] of Object.entries(document.paths)) {
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])
    for (const [method, operation] of Object.entries(item)) {
      if (typeof operation === 'string' || operation === undefined) continue
      const where = `${method.toUpperCase()} ${path}`
      expect(ids.has(operation.operationId ?? ''), `${where}: operationId repeated`).toBe(false)
      ids.add(operation.operationId ?? '')
      const parameters = operation.parameters ?? []
      const keys = parameters.map((p) => `${p.in}:${p.name}`)
      expect(new Set(keys).size, `${where}: repeated parameters`).toBe(keys.length)
      const declared = parameters.filter((p) => p.in === 'path' && p.required === true).map((p) => p.name)
      expect(declared.sort(), `${where}: path parameters`).toEqual([...templated].sort())
    }
  }
}
