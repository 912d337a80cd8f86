import type { StandardJSONSchemaV1 } from '@standard-schema/spec'
import type { HeaderObject, JsonSchema, SecuritySchemeObject, ServerObject } from './openapi-types.js'

/**
 * The document's `info` and `servers`.
 *
 * @example
 * const info: OpenApiInfo = { title: 'Documents API', version: '1.0.0', servers: [{ url: 'https://api.example.com' }] }
 */
export interface OpenApiInfo {
  readonly title: string
  readonly version: string
  readonly description?: string
  readonly servers?: readonly ServerObject[]
}

/**
 * What a named dependency can do to a request that the machine cannot see from its kind: the
 * statuses it throws (an `Unauthorized` from a plain `dependency`, a 429 from a rate limit) and, for
 * authentication, how clients present their credentials. Applies to every route that uses it.
 *
 * @example
 * const jwtToken: DependencyDoc = { responses: [401], security: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }
 */
export interface DependencyDoc {
  /** Error statuses the dependency may throw (documented with the shared `Error` schema). */
  readonly responses?: readonly number[]
  /**
   * The security scheme it checks. Given for an `authorized` dependency it replaces the scheme derived
   * from `authenticationChallenge`; given for any other dependency it makes it an authentication step.
   */
  readonly security?: SecuritySchemeObject
}

/**
 * Documentation of one response of an operation.
 *
 * @example
 * const ok: ResponseDoc = { description: 'The document', schema: DocumentSchema } // any Standard JSON Schema
 */
export interface ResponseDoc {
  readonly description?: string
  /** The body's schema: a Standard JSON Schema (zod 4…) converted with its own converter, or a JSON Schema. */
  readonly schema?: StandardJSONSchemaV1 | JsonSchema
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, HeaderObject>>
}

/**
 * What only the author knows about an operation: summary, description, tags and response bodies.
 * Derived statuses stay; a status listed here is added or refined.
 *
 * @example
 * const getDocument: OperationDoc = { summary: 'Read a document', responses: { 200: { schema: DocumentSchema } } }
 */
export interface OperationDoc {
  readonly summary?: string
  readonly description?: string
  readonly tags?: readonly string[]
  readonly deprecated?: boolean
  readonly operationId?: string
  readonly responses?: Readonly<Record<number, ResponseDoc>>
}

/**
 * Settings of {@link generateOpenApi}: the document's info plus what the routes cannot say themselves.
 *
 * @example
 * generateOpenApi(app, {
 *   title: 'Documents API',
 *   version: '1.0.0',
 *   dependencies: { loginRateLimit: { responses: [429] } },
 *   operations: { 'GET /documents/{id}': { summary: 'Read a document' } },
 * })
 */
export interface GenerateOpenApiOptions extends OpenApiInfo {
  /** Per dependency name: statuses it throws and the security scheme it checks. */
  readonly dependencies?: Readonly<Record<string, DependencyDoc>>
  /** Per operation, keyed `'METHOD /template'` as registered (e.g. `'GET /posts/{post_id}'`). */
  readonly operations?: Readonly<Record<string, OperationDoc>>
  /**
   * Whether to list the OPTIONS operation the machine answers on every path (204 + `Allow`, CORS
   * preflights). Default `false`: it is stated in each path's description instead, so generated clients
   * get no `options…()` method per path. OPTIONS routes registered with `app.options()` are always listed.
   */
  readonly automaticOptions?: boolean
}
