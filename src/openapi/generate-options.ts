import type { StandardJSONSchemaV1 } from '@standard-schema/spec'
import type {
  ContactObject,
  HeaderObject,
  JsonSchema,
  LicenseObject,
  SecuritySchemeObject,
  ServerObject,
  TagObject,
} from './openapi-types.js'

/**
 * The document's `info`, `servers` and the tags that group its operations.
 *
 * @example
 * const info: OpenApiInfo = {
 *   title: 'Documents API',
 *   version: '1.0.0',
 *   description: 'Stored documents with conditional requests.',
 *   license: { name: 'MIT', identifier: 'MIT' },
 *   contact: { name: 'API team', email: 'api@example.org' },
 *   servers: [{ url: 'https://api.example.org' }],
 *   tags: [{ name: 'documents', description: 'Stored documents.' }],
 * }
 */
export interface OpenApiInfo {
  readonly title: string
  readonly version: string
  /** A one-line summary of the API. */
  readonly summary?: string
  /** What the API is for (CommonMark). */
  readonly description?: string
  /** A URL to the terms of service. */
  readonly termsOfService?: string
  /** Who to ask about the API. */
  readonly contact?: ContactObject
  /** The licence the API is offered under; never derived (only the author can state it). */
  readonly license?: LicenseObject
  /** Where the API is served. Default: `[{ url: '/' }]`, the host that serves the document. */
  readonly servers?: readonly ServerObject[]
  /**
   * The tags operations may use, in display order, each with what it groups. When given, an
   * operation's own `tags` must be among them (a misspelt tag throws). Tags derived from paths that
   * are not listed are added after these, described by the paths they group.
   */
  readonly tags?: readonly TagObject[]
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
  /**
   * The credentials `security` describes may be left out (optional authentication: anonymous callers
   * are let through, bad credentials are still refused). The requirement then offers `{}` too.
   */
  readonly optional?: boolean
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
 * Derived statuses stay; a status listed here is added or refined. Given as a route's `openapi`
 * option or in {@link GenerateOpenApiOptions.operations}.
 *
 * @example
 * app.get('/documents/{id}', ({ document }) => document, {
 *   openapi: { summary: 'Read a document', tags: ['documents'], responses: { 200: { schema: DocumentSchema } } },
 * })
 */
export interface OperationDoc {
  /**
   * A short title. Default: the handler's own name in words (`function listDocuments` → "List
   * documents"), else the method and what it acts on ("Get document", "Delete post").
   */
  readonly summary?: string
  /** What the operation does (CommonMark). Default: what the machine checks before the handler runs. */
  readonly description?: string
  /** The groups it belongs to. Default: the first path segment (`/posts/{id}` → `posts`). */
  readonly tags?: readonly string[]
  readonly deprecated?: boolean
  readonly operationId?: string
  readonly responses?: Readonly<Record<number, ResponseDoc>>
  /**
   * Leaves the route (and the HEAD its GET serves) out of the document: for routes that are not
   * part of the API, like the API reference page's own files. A path with no operation left is
   * left out too.
   */
  readonly hidden?: boolean
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
  /**
   * Per operation, keyed `'METHOD /template'` as registered (e.g. `'GET /posts/{post_id}'`); each
   * field given here replaces the same field of the route's own `openapi` option.
   */
  readonly operations?: Readonly<Record<string, OperationDoc>>
  /**
   * The body schema of each status whose body an `errorHandler` replaces (otherwise an open schema),
   * used wherever that status is listed; a route's own `responses` schema still wins.
   * @example errorBodies: { 401: z.object({ error: z.string(), message: z.string() }) }
   */
  readonly errorBodies?: Readonly<Record<number, StandardJSONSchemaV1 | JsonSchema>>
  /**
   * Whether to list the OPTIONS operation the machine answers on every path (204 + `Allow`, CORS
   * preflights). Default `false`: it is stated in each path's description instead, so generated clients
   * get no `options…()` method per path. OPTIONS routes registered with `app.options()` are always listed.
   */
  readonly automaticOptions?: boolean
}
