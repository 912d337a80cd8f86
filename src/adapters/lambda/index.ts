export type { ClientCertificate } from '../client-certificate.js'
export {
  type AlbEvent,
  type AlbResult,
  type ApiGatewayV1Event,
  type ApiGatewayV1Result,
  type ApiGatewayV2Event,
  type ApiGatewayV2Result,
  type AwsClientCert,
  detectFrontDoor,
  type FrontDoor,
  type LambdaContext,
  type LambdaHttpEvent,
  type LambdaHttpResult,
} from './aws-events.js'
export { fromLambdaEvent } from './from-lambda-event.js'
export {
  type LambdaApp,
  type LambdaHandler,
  type LambdaHandlerOptions,
  toLambdaHandler,
} from './lambda-handler.js'
export { LambdaInvocation, lambdaInvocationOf } from './lambda-invocation.js'
export { toLambdaResult } from './to-lambda-result.js'
