/**
 * The shapes AWS hands a Lambda function behind each HTTP front door, and the shapes it expects
 * back — only the fields this adapter reads or writes, named as in the AWS documentation.
 */

/** Mutual-TLS client certificate facts, as API Gateway passes them (REST and HTTP APIs alike). */
export interface AwsClientCert {
  clientCertPem?: string
  subjectDN?: string
  issuerDN?: string
  serialNumber?: string
  validity?: { notBefore?: string; notAfter?: string }
}

/** API Gateway REST API proxy event (payload format 1.0; HTTP APIs can send it too, with `version: '1.0'`). */
export interface ApiGatewayV1Event {
  version?: string
  resource?: string
  path: string
  httpMethod: string
  headers?: Record<string, string | undefined> | null
  multiValueHeaders?: Record<string, string[] | undefined> | null
  queryStringParameters?: Record<string, string | undefined> | null
  multiValueQueryStringParameters?: Record<string, string[] | undefined> | null
  pathParameters?: Record<string, string | undefined> | null
  stageVariables?: Record<string, string | undefined> | null
  requestContext: {
    requestId?: string
    stage?: string
    path?: string
    domainName?: string
    resourcePath?: string
    identity?: { sourceIp?: string; clientCert?: AwsClientCert | null }
  }
  body?: string | null
  isBase64Encoded?: boolean
}

/** API Gateway HTTP API event in payload format 2.0; Lambda Function URLs send the same shape. */
export interface ApiGatewayV2Event {
  version: '2.0'
  routeKey?: string
  rawPath: string
  rawQueryString?: string
  cookies?: string[]
  headers?: Record<string, string | undefined>
  requestContext: {
    requestId?: string
    stage?: string
    domainName?: string
    http: { method: string; path?: string; protocol?: string; sourceIp?: string; userAgent?: string }
    authentication?: { clientCert?: AwsClientCert | null } | null
  }
  body?: string
  isBase64Encoded?: boolean
}

/** Application Load Balancer event: either `headers` or `multiValueHeaders`, never both. */
export interface AlbEvent {
  requestContext: { elb: { targetGroupArn: string } }
  httpMethod: string
  path: string
  headers?: Record<string, string | undefined>
  multiValueHeaders?: Record<string, string[] | undefined>
  queryStringParameters?: Record<string, string | undefined>
  multiValueQueryStringParameters?: Record<string, string[] | undefined>
  body?: string | null
  isBase64Encoded?: boolean
}

/** Any event this adapter serves. */
export type LambdaHttpEvent = ApiGatewayV1Event | ApiGatewayV2Event | AlbEvent

/** The part of the Lambda context object this adapter reads. */
export interface LambdaContext {
  awsRequestId?: string
  functionName?: string
  getRemainingTimeInMillis?: () => number
}

/** What API Gateway REST (and HTTP payload 1.0) expects back. */
export interface ApiGatewayV1Result {
  statusCode: number
  headers?: Record<string, string>
  multiValueHeaders?: Record<string, string[]>
  body: string
  isBase64Encoded: boolean
}

/** What HTTP APIs (payload 2.0) and Function URLs expect back. */
export interface ApiGatewayV2Result {
  statusCode: number
  headers?: Record<string, string>
  cookies?: string[]
  body: string
  isBase64Encoded: boolean
}

/** What an Application Load Balancer expects back (`multiValueHeaders` when the target group enables them). */
export interface AlbResult {
  statusCode: number
  statusDescription: string
  headers?: Record<string, string>
  multiValueHeaders?: Record<string, string[]>
  body: string
  isBase64Encoded: boolean
}

/** Any result this adapter produces. */
export type LambdaHttpResult = ApiGatewayV1Result | ApiGatewayV2Result | AlbResult

/**
 * Which AWS front door sent an event: `api-gateway-v1` (REST APIs, and HTTP APIs on payload 1.0),
 * `api-gateway-v2` (HTTP APIs on payload 2.0), `function-url`, or `alb` (`alb-multi-value` when
 * the target group has multi-value headers enabled).
 */
export type FrontDoor = 'api-gateway-v1' | 'api-gateway-v2' | 'function-url' | 'alb' | 'alb-multi-value'

/**
 * Tells which front door an event came from, or `undefined` for an event that is not an HTTP event.
 *
 * @example
 * detectFrontDoor(event) // 'api-gateway-v2'
 */
export function detectFrontDoor(event: unknown): FrontDoor | undefined {
  if (typeof event !== 'object' || event === null) return undefined
  const e = event as Record<string, unknown>
  const context = e.requestContext as Record<string, unknown> | undefined
  if (typeof context !== 'object' || context === null) return undefined
  if (typeof context.elb === 'object' && context.elb !== null) {
    return e.multiValueHeaders !== undefined && e.multiValueHeaders !== null ? 'alb-multi-value' : 'alb'
  }
  if (e.version === '2.0' && typeof e.rawPath === 'string') {
    // Function URLs use payload 2.0 on a `<url-id>.lambda-url.<region>.on.aws` domain.
    const domain = typeof context.domainName === 'string' ? context.domainName : ''
    return domain.includes('.lambda-url.') ? 'function-url' : 'api-gateway-v2'
  }
  if (typeof e.httpMethod === 'string' && typeof e.path === 'string') return 'api-gateway-v1'
  return undefined
}
