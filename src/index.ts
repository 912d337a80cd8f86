/**
 * RestMachine: a REST framework built on a webmachine-style HTTP decision machine and dependency
 * injection by name. This is the core entry; adapters live in `restmachine/node`,
 * `restmachine/testing` and friends.
 */
export * from './app/index.js'
export { INJECT } from './di/index.js'
export * from './errors/index.js'
export {
  type ContentCodingName,
  type ContentEncoder,
  isCompressibleMediaType,
} from './http/content-coding.js'
export type { CorsOptions } from './http/cors.js'
export { RequestHeaders } from './http/request-headers.js'
export { ResponseHeaderBag } from './http/response-header-bag.js'
export { type BodyReader, RestRequest, type RestRequestInit } from './http/rest-request.js'
export { type ResponseBody, type ResponseHeaders, RestResponse } from './http/rest-response.js'
export { createNonce, type SecurityHeadersOptions } from './http/security-headers.js'
export { isBodylessStatus, reasonPhrase } from './http/status-codes.js'
export { webEncoder } from './http/web-encoder.js'
export { DIAGRAM, type DiagramNode, type NodeId, type StatusOutcome } from './machine/index.js'
export * from './openapi/index.js'
export {
  type BodyParser,
  type CsvOptions,
  created,
  csv,
  defaultRenderers,
  escapeHtml,
  type FormFields,
  formatCsv,
  formatEvent,
  HtmlFragment,
  html,
  type MultipartBody,
  type MultipartOptions,
  multipartBodyParser,
  type Renderer,
  type RenderInfo,
  Reply,
  type ReplyInit,
  renderCsv,
  renderHtml,
  renderJson,
  renderText,
  respond,
  type SseEvent,
  type SseOptions,
  type SseSource,
  type SseSourceContext,
  sse,
  type UploadedFile,
  type UrlencodedOptions,
  unsafeHtml,
  urlencodedBodyParser,
} from './render/index.js'
export type { PathParamNames, PathParams } from './router/index.js'
export { MemoryStore, type MemoryStoreOptions, StoreUnavailableError, type TtlStore } from './stores/index.js'
