/**
 * The parts of the OpenAPI 3.1.0 document model (https://spec.openapis.org/oas/v3.1.0) that
 * RestMachine generates. Schemas are JSON Schema 2020-12, the dialect OpenAPI 3.1 uses by default.
 */

/** A JSON Schema (2020-12) as a plain object. */
export type JsonSchema = Readonly<Record<string, unknown>>

/** A server the API is reachable at. @example { url: 'https://api.example.com', description: 'production' } */
export interface ServerObject {
  readonly url: string
  readonly description?: string
}

/** The licence the API is offered under: an SPDX `identifier` or a `url`, never both (OpenAPI 3.1 §4.8.4). */
export type LicenseObject =
  | { readonly name: string; readonly identifier: string }
  | { readonly name: string; readonly url: string }
  | { readonly name: string }

/** Who to ask about the API. @example { name: 'API team', email: 'api@example.org' } */
export interface ContactObject {
  readonly name?: string
  readonly url?: string
  readonly email?: string
}

/** A link to documentation elsewhere. */
export interface ExternalDocumentationObject {
  readonly url: string
  readonly description?: string
}

/** A tag that groups operations, with what the group is about. @example { name: 'posts', description: 'Blog posts.' } */
export interface TagObject {
  readonly name: string
  readonly description?: string
  readonly externalDocs?: ExternalDocumentationObject
}

/** A response header. */
export interface HeaderObject {
  readonly description?: string
  readonly required?: boolean
  readonly schema: JsonSchema
}

/** The schema of one media type of a request or response body. */
export interface MediaTypeObject {
  readonly schema?: JsonSchema
}

/** One response of an operation. */
export interface ResponseObject {
  description: string
  headers?: Record<string, HeaderObject>
  content?: Record<string, MediaTypeObject>
}

/** A path, query or header parameter. */
export interface ParameterObject {
  readonly name: string
  readonly in: 'path' | 'query' | 'header' | 'cookie'
  readonly description?: string
  readonly required?: boolean
  readonly schema?: JsonSchema
  readonly style?: 'form' | 'simple'
  readonly explode?: boolean
}

/** The content an operation reads. */
export interface RequestBodyObject {
  readonly description?: string
  readonly required?: boolean
  readonly content: Record<string, MediaTypeObject>
}

/** Names of security schemes that must all be satisfied, each with its scopes. */
export type SecurityRequirementObject = Record<string, string[]>

/** One method of one path. */
export interface OperationObject {
  operationId?: string
  summary?: string
  description?: string
  tags?: string[]
  deprecated?: boolean
  parameters?: ParameterObject[]
  requestBody?: RequestBodyObject
  responses: Record<string, ResponseObject>
  security?: SecurityRequirementObject[]
}

/** The HTTP methods a Path Item can describe in OpenAPI 3.1. */
export type OpenApiMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace'

/** The operations served at one path. */
export type PathItemObject = { description?: string } & { [M in OpenApiMethod]?: OperationObject }

/**
 * How clients authenticate (OpenAPI 3.1 §4.8.27).
 *
 * @example { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }
 * @example { type: 'apiKey', in: 'header', name: 'X-API-Key' }
 */
export type SecuritySchemeObject =
  | {
      readonly type: 'http'
      readonly scheme: string
      readonly bearerFormat?: string
      readonly description?: string
    }
  | {
      readonly type: 'apiKey'
      readonly name: string
      readonly in: 'header' | 'query' | 'cookie'
      readonly description?: string
    }
  | {
      readonly type: 'oauth2'
      readonly flows: Readonly<Record<string, unknown>>
      readonly description?: string
    }
  | { readonly type: 'openIdConnect'; readonly openIdConnectUrl: string; readonly description?: string }
  | { readonly type: 'mutualTLS'; readonly description?: string }

/** The document's `info` (OpenAPI 3.1 §4.8.2). */
export interface InfoObject {
  title: string
  version: string
  summary?: string
  description?: string
  termsOfService?: string
  contact?: ContactObject
  license?: LicenseObject
}

/** A generated OpenAPI 3.1.0 document. */
export interface OpenApiDocument {
  openapi: '3.1.0'
  info: InfoObject
  servers: ServerObject[]
  tags?: TagObject[]
  paths: Record<string, PathItemObject>
  components: {
    schemas: Record<string, JsonSchema>
    securitySchemes?: Record<string, SecuritySchemeObject>
  }
}
