import type { RestRequest } from '../../http/index.js'
import type { ClientCertificate } from '../client-certificate.js'
import type { AwsClientCert, FrontDoor, LambdaContext, LambdaHttpEvent } from './aws-events.js'

/**
 * What a Lambda-served request knows beyond HTTP: which front door sent it, the AWS request id,
 * the caller's address, the stage, the raw event and context. It is the `RestRequest.raw` of every
 * request the Lambda adapter builds; read it with {@link lambdaInvocationOf}.
 *
 * @example
 * app.get('/whoami', ({ request }) => {
 *   const lambda = lambdaInvocationOf(request)
 *   return { ip: lambda?.sourceIp, requestId: lambda?.requestId, via: lambda?.frontDoor }
 * })
 */
export class LambdaInvocation {
  /** The front door that invoked the function. */
  readonly frontDoor: FrontDoor
  /** The event exactly as received. */
  readonly event: LambdaHttpEvent
  /** The Lambda context object. */
  readonly context: LambdaContext
  /** The front door's request id (`requestContext.requestId`), else the Lambda `awsRequestId`. */
  readonly requestId: string | undefined
  /** The caller's IP address as the front door saw it. */
  readonly sourceIp: string | undefined
  /** The API Gateway stage (`undefined` behind an ALB). */
  readonly stage: string | undefined
  /** The mutual-TLS client certificate, when the API's custom domain requires one. */
  readonly clientCertificate: ClientCertificate | undefined

  constructor(
    frontDoor: FrontDoor,
    event: LambdaHttpEvent,
    context: LambdaContext,
    requestId: string | undefined,
    sourceIp: string | undefined,
    stage: string | undefined,
    clientCertificate: ClientCertificate | undefined,
  ) {
    this.frontDoor = frontDoor
    this.event = event
    this.context = context
    this.requestId = requestId
    this.sourceIp = sourceIp
    this.stage = stage
    this.clientCertificate = clientCertificate
  }

  /** The Lambda invocation id (`context.awsRequestId`). */
  get awsRequestId(): string | undefined {
    return this.context.awsRequestId
  }
}

/**
 * The Lambda details behind a request, or `undefined` when it did not come through the Lambda adapter.
 * (The built-in `requestId` is already the platform's id on Lambda.)
 *
 * @example
 * app.dependency('frontDoor', ({ request }) => lambdaInvocationOf(request)?.frontDoor ?? 'direct')
 */
export function lambdaInvocationOf(request: RestRequest): LambdaInvocation | undefined {
  return request.raw instanceof LambdaInvocation ? request.raw : undefined
}

/** Maps API Gateway's mutual-TLS certificate facts (which it has already verified) to ours. */
export function fromAwsClientCert(cert: AwsClientCert | null | undefined): ClientCertificate | undefined {
  if (cert === null || cert === undefined) return undefined
  return {
    // API Gateway only invokes the function after the certificate chain verified against the truststore.
    authorized: true,
    subject: cert.subjectDN ?? '',
    issuer: cert.issuerDN ?? '',
    serialNumber: cert.serialNumber ?? '',
    validFrom: cert.validity?.notBefore ?? '',
    validTo: cert.validity?.notAfter ?? '',
    pem: cert.clientCertPem,
  }
}
