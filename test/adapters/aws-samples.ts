import type { FrontDoor } from 'restmachine/lambda'
import { fixture } from './lambda-support.js'

/** One of AWS's sample events in test/fixtures/lambda, with the front door that sends it. */
export interface Sample {
  file: string
  door: FrontDoor
}

/** Every sample event: the AWS documentation's, and those of aws-lambda-go and Powertools. */
export const SAMPLES: readonly Sample[] = [
  { file: 'api-gateway-rest-v1', door: 'api-gateway-v1' },
  { file: 'api-gateway-http-v1', door: 'api-gateway-v1' },
  { file: 'api-gateway-http-v2', door: 'api-gateway-v2' },
  { file: 'function-url', door: 'function-url' },
  { file: 'alb', door: 'alb' },
  { file: 'alb-multi-value', door: 'alb-multi-value' },
  { file: 'aws-lambda-go/apigw-request', door: 'api-gateway-v1' },
  { file: 'aws-lambda-go/apigw-v2-request-no-authorizer', door: 'api-gateway-v2' },
  { file: 'aws-lambda-go/apigw-v2-request-iam', door: 'api-gateway-v2' },
  { file: 'aws-lambda-go/lambda-urls-request', door: 'function-url' },
  { file: 'aws-lambda-go/alb-lambda-target-request-headers-only', door: 'alb' },
  { file: 'aws-lambda-go/alb-lambda-target-request-multivalue-headers', door: 'alb-multi-value' },
  { file: 'powertools-python/apiGatewayProxyEvent', door: 'api-gateway-v1' },
  { file: 'powertools-python/apiGatewayProxyV2Event', door: 'api-gateway-v2' },
  { file: 'powertools-python/lambdaFunctionUrlEventWithHeaders', door: 'function-url' },
  { file: 'powertools-python/lambdaFunctionUrlIAMEvent', door: 'function-url' },
  { file: 'powertools-python/albEvent', door: 'alb' },
  { file: 'powertools-python/albMultiValueHeadersEvent', door: 'alb-multi-value' },
]

// biome-ignore lint/suspicious/noExplicitAny: AWS events are open-ended JSON
type Event = Record<string, any>

/** A fresh copy of a sample. */
export function sample(file: string): Event {
  return fixture<Event>(file)
}

/**
 * The sample with another method, path and body, changed only in the fields that carry them, so
 * every other field stays as AWS sent it.
 *
 * @example
 * const event = retarget(sample('aws-lambda-go/apigw-request'), 'POST', '/documents', '{"title":"x"}')
 */
export function retarget(event: Event, method: string, path: string, body: string | null = null): Event {
  const context = event.requestContext
  if (event.version === '2.0') {
    event.rawPath = path
    event.rawQueryString = ''
    delete event.queryStringParameters
    context.http.method = method
    context.http.path = path
  } else {
    event.httpMethod = method
    event.path = path
    if (context.elb === undefined) {
      // API Gateway: the matched resource is the path itself, with no path parameters.
      event.resource = path
      event.pathParameters = null
      context.resourcePath = path
      context.httpMethod = method
      context.path = path
    }
    for (const key of ['queryStringParameters', 'multiValueQueryStringParameters']) {
      if (event[key] !== undefined) event[key] = context.elb === undefined ? null : {}
    }
  }
  event.body = body
  event.isBase64Encoded = false
  return setHeader(
    event,
    'Content-Length',
    body === null ? undefined : String(new TextEncoder().encode(body).length),
  )
}

/**
 * The sample with a field set the way its front door carries it: in `multiValueHeaders` and/or
 * `headers`, whichever the event has, replacing any line of that name in any casing. `undefined`
 * removes the field.
 *
 * @example
 * setHeader(event, 'Authorization', 'Bearer abc')
 */
export function setHeader(event: Event, name: string, value: string | undefined): Event {
  for (const key of ['headers', 'multiValueHeaders']) {
    const map = event[key] as Record<string, unknown> | null | undefined
    if (map === null || map === undefined) continue
    for (const existing of Object.keys(map))
      if (existing.toLowerCase() === name.toLowerCase()) delete map[existing]
    if (value !== undefined) map[name] = key === 'headers' ? value : [value]
  }
  return event
}
