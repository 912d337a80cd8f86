export { type BodyParser, bodyParserChooser, defaultBodyParsers, selectBodyParser } from './body-parsers.js'
export { type CsvOptions, csv, formatCsv, renderCsv } from './csv.js'
export { escapeHtml, HtmlFragment, html, unsafeHtml } from './html.js'
export {
  compileJsonSerializer,
  type JsonSchemaNode,
  type JsonSerializer,
  ResponseShapeError,
} from './json/index.js'
export { parseJsonContent } from './parse-json.js'
export {
  type MultipartBody,
  type MultipartOptions,
  multipartBodyParser,
  type UploadedFile,
} from './parse-multipart.js'
export { type FormFields, type UrlencodedOptions, urlencodedBodyParser } from './parse-urlencoded.js'
export { fromWebResponse, renderValue } from './render-value.js'
export {
  defaultRenderers,
  type Renderer,
  type RenderInfo,
  renderHtml,
  renderJson,
  renderText,
} from './renderers.js'
export { created, Reply, type ReplyInit, respond } from './reply.js'
export {
  formatEvent,
  type SseEvent,
  type SseOptions,
  type SseSource,
  type SseSourceContext,
  sse,
} from './sse.js'
