/**
 * OpenAPI 3.1 from what the decision machine actually does: paths and methods from the routes,
 * parameters and bodies from Standard Schema validators, and every status each route's plan can
 * answer. It reads an {@link ApplicationView} (`app.describe()`) and imports nothing from the app
 * room. See docs/openapi.md and docs/decisions/0315-openapi-reads-an-application-view.md.
 */
export type {
  ApplicationView,
  DocumentableApp,
  DocumentedRoute,
  ErrorView,
  PathView,
} from './application-view.js'
export {
  ERROR_SCHEMA,
  PROBLEM_DETAILS_SCHEMA,
  VALIDATION_DETAIL_SCHEMA,
  VALIDATION_ERROR_SCHEMA,
} from './error-schemas.js'
export { generateOpenApi } from './generate-openapi.js'
export type {
  DependencyDoc,
  GenerateOpenApiOptions,
  OpenApiInfo,
  OperationDoc,
  ResponseDoc,
} from './generate-options.js'
export { jsonSchemaConverter, toJsonSchema } from './json-schema.js'
export type {
  ContactObject,
  ExternalDocumentationObject,
  HeaderObject,
  InfoObject,
  JsonSchema,
  LicenseObject,
  MediaTypeObject,
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  PathItemObject,
  RequestBodyObject,
  ResponseObject,
  SecuritySchemeObject,
  ServerObject,
  TagObject,
} from './openapi-types.js'
export { dependencyDoc, validatorSchema, validatorSource } from './provider-docs.js'
export {
  API_REFERENCE_POLICY,
  type ApiReferenceOptions,
  type ReferenceApp,
  type SwaggerUiAssets,
  serveApiReferenceFrom,
} from './serve-api-reference.js'
export { openApiHandler, type RoutableApp, serveOpenApi } from './serve-openapi.js'
