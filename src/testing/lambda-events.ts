import type { DriverRequest } from './driver.js'

/** The AWS front doors a Lambda driver can play (the names `restmachine/lambda` reports). */
export type LambdaFrontDoor = 'api-gateway-v1' | 'api-gateway-v2' | 'function-url' | 'alb' | 'alb-multi-value'

/** The HTTP API stage the simulated API Gateway events carry; it appears in `rawPath` like AWS's. */
export const SIMULATED_STAGE = 'test'

const ACCOUNT = '123456789012'
const TEXTUAL =
  /^(?:text\/|application\/(?:json|xml|javascript|x-www-form-urlencoded)\b|application\/[\w.+-]+\+(?:json|xml)\b)/i
const decoder = new TextDecoder()

type Lines = ReadonlyArray<readonly [string, string]>

/**
 * Builds the event a front door would send for a request, with the fields and encodings the AWS
 * documentation describes (test/fixtures/lambda holds the published samples these follow): REST
 * APIs decode the query and, with binary media types `*∕*`, base64-encode every body; HTTP APIs
 * move cookies to `cookies`, join repeated fields with commas, put a named stage in `rawPath` and
 * decode it; ALBs leave the query encoded and append the client to `X-Forwarded-For`.
 *
 * @example
 * const event = lambdaEventFor('alb', { method: 'GET', target: '/', headers: [], body: undefined, remoteAddress: '192.0.2.1' })
 */
export function lambdaEventFor(door: LambdaFrontDoor, request: DriverRequest, requestId: string): unknown {
  const query = request.target.indexOf('?')
  const path = query === -1 ? request.target : request.target.slice(0, query)
  const rawQuery = query === -1 ? '' : request.target.slice(query + 1)
  const headers: Array<readonly [string, string]> = request.headers.map(([n, v]) => [n.toLowerCase(), v])
  if (request.body !== undefined && !headers.some(([n]) => n === 'content-length')) {
    headers.push(['content-length', String(request.body.byteLength)])
  }
  const contentType = headers.find(([n]) => n === 'content-type')?.[1] ?? ''
  const now = Date.now()
  if (door === 'api-gateway-v2' || door === 'function-url') {
    const domain =
      door === 'function-url'
        ? 'abcdefghij.lambda-url.us-east-1.on.aws'
        : 'abcdefghij.execute-api.us-east-1.amazonaws.com'
    const cookies = headers.filter(([n]) => n === 'cookie').flatMap(([, v]) => v.split(/;\s*/))
    const stage = door === 'function-url' ? '$default' : SIMULATED_STAGE
    const rawPath = door === 'function-url' ? path : `/${stage}${safeDecode(path)}`
    const event: Record<string, unknown> = {
      version: '2.0',
      routeKey: '$default',
      rawPath,
      rawQueryString: rawQuery,
      headers: joined([['host', domain], ...headers.filter(([n]) => n !== 'cookie' && n !== 'host')]),
      requestContext: {
        accountId: ACCOUNT,
        apiId: 'abcdefghij',
        domainName: domain,
        domainPrefix: 'abcdefghij',
        http: {
          method: request.method,
          path: rawPath,
          protocol: 'HTTP/1.1',
          sourceIp: request.remoteAddress,
          userAgent: 'restmachine-test',
        },
        requestId,
        routeKey: '$default',
        stage,
        time: new Date(now).toUTCString(),
        timeEpoch: now,
      },
      isBase64Encoded: false,
    }
    if (cookies.length > 0) event.cookies = cookies
    if (rawQuery !== '') event.queryStringParameters = joinedQuery(rawQuery)
    Object.assign(event, body(request.body, TEXTUAL.test(contentType)))
    return event
  }
  if (door === 'api-gateway-v1') {
    const host = 'abcdefghij.execute-api.us-east-1.amazonaws.com'
    const all: Lines = [['host', host], ...headers.filter(([n]) => n !== 'host')]
    const decodedQuery = [...new URLSearchParams(rawQuery)]
    return {
      resource: '/{proxy+}',
      path,
      httpMethod: request.method,
      headers: lastWins(all),
      multiValueHeaders: grouped(all),
      queryStringParameters: decodedQuery.length === 0 ? null : lastWins(decodedQuery),
      multiValueQueryStringParameters: decodedQuery.length === 0 ? null : grouped(decodedQuery),
      pathParameters: path === '/' ? null : { proxy: path.slice(1) },
      stageVariables: null,
      requestContext: {
        resourcePath: '/{proxy+}',
        httpMethod: request.method,
        path: `/${SIMULATED_STAGE}${path}`,
        accountId: ACCOUNT,
        protocol: 'HTTP/1.1',
        stage: SIMULATED_STAGE,
        domainPrefix: 'abcdefghij',
        requestTimeEpoch: now,
        requestId,
        identity: { sourceIp: request.remoteAddress, userAgent: 'restmachine-test' },
        domainName: host,
        apiId: 'abcdefghij',
      },
      // As with binary media types `*/*`: every body arrives base64-encoded, even JSON.
      ...body(request.body, false),
    }
  }
  const forwarded = headers.find(([n]) => n === 'x-forwarded-for')?.[1]
  const albHeaders: Lines = [
    ['host', 'restmachine-test-123456789.us-east-1.elb.amazonaws.com'],
    ...headers.filter(([n]) => n !== 'host' && n !== 'x-forwarded-for'),
    [
      'x-forwarded-for',
      forwarded === undefined ? request.remoteAddress : `${forwarded}, ${request.remoteAddress}`,
    ],
    ['x-forwarded-port', '443'],
    ['x-forwarded-proto', 'https'],
  ]
  // The ALB hands query parameters over as the client sent them, still percent-encoded.
  const rawPairs = rawQuery === '' ? [] : rawQuery.split('&').map((pair) => splitPair(pair))
  const event: Record<string, unknown> = {
    requestContext: {
      elb: {
        targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/test/6d0ecf831eec9f09`,
      },
    },
    httpMethod: request.method,
    path,
    ...body(request.body, TEXTUAL.test(contentType)),
  }
  if (door === 'alb-multi-value') {
    event.multiValueHeaders = grouped(albHeaders)
    event.multiValueQueryStringParameters = grouped(rawPairs)
  } else {
    event.headers = lastWins(albHeaders)
    event.queryStringParameters = lastWins(rawPairs)
  }
  return event
}

function body(
  bytes: Uint8Array | undefined,
  asText: boolean,
): { body: string | null; isBase64Encoded: boolean } {
  if (bytes === undefined || bytes.byteLength === 0) return { body: null, isBase64Encoded: false }
  if (asText) return { body: decoder.decode(bytes), isBase64Encoded: false }
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return { body: btoa(binary), isBase64Encoded: true }
}

function grouped(lines: Lines): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [name, value] of lines) {
    const list = out[name]
    if (list === undefined) out[name] = [value]
    else list.push(value)
  }
  return out
}

function lastWins(lines: Lines): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of lines) out[name] = value
  return out
}

function joined(lines: Lines): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of lines) out[name] = out[name] === undefined ? value : `${out[name]},${value}`
  return out
}

function joinedQuery(rawQuery: string): Record<string, string> {
  return joined([...new URLSearchParams(rawQuery)])
}

function splitPair(pair: string): readonly [string, string] {
  const equals = pair.indexOf('=')
  return equals === -1 ? [pair, ''] : [pair.slice(0, equals), pair.slice(equals + 1)]
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}
