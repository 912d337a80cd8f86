export type { ClientCertificate } from '../client-certificate.js'
export { readSwaggerUiAssets, serveApiReference } from './api-reference.js'
export { clientCertificateOf } from './client-certificate.js'
export { answerClientError } from './client-error.js'
export type { RunningCluster } from './cluster-primary.js'
export { type RequestHandlerApp, toNodeHandler } from './node-handler.js'
export { fromIncomingMessage } from './node-request.js'
export {
  type NodeServer,
  type Pem,
  type RunningServer,
  type ServableApp,
  type ServeOptions,
  serve,
  type TlsOptions,
} from './serve.js'
export { type StaticFileHost, serveStatic } from './serve-static.js'
export {
  defaultStaticCacheControl,
  type PrecompressedCoding,
  type ServeStaticOptions,
  type StaticCacheControl,
} from './static-options.js'
export { writeResponse } from './write-response.js'
export { zlibEncoder } from './zlib-encoder.js'
