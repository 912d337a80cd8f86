import { RestApplication } from 'restmachine'
import { detectFrontDoor, lambdaInvocationOf, toLambdaHandler } from 'restmachine/lambda'
import { describe, expect, it } from 'vitest'
import { SAMPLES, sample } from './aws-samples.js'
import { CONTEXT } from './lambda-support.js'

type Seen = {
  lines: Record<string, string[]>
  path: string
  remoteAddress: string
  secure: boolean
  frontDoor: string
  body: string
}

// Answers with every field line the handler was given, by lower-cased name.
function linesApp() {
  const app = new RestApplication()
  for (const path of ['/', '/hello/world', '/my/path', '/lambda', '/todos']) {
    for (const method of ['get', 'post'] as const) {
      app[method](path, async ({ request, headers }) => ({
        lines: Object.fromEntries([...headers.keys()].map((name) => [name, [...headers.getAll(name)]])),
        path: request.path,
        remoteAddress: request.remoteAddress,
        secure: request.secure,
        frontDoor: lambdaInvocationOf(request)?.frontDoor,
        body: await request.text(),
      }))
    }
  }
  return app
}

const handler = toLambdaHandler(linesApp(), { stopOnSigterm: false })

async function serveSample(file: string): Promise<Seen> {
  const result = await handler(sample(file), CONTEXT)
  expect(result.statusCode).toBe(200)
  return JSON.parse(
    result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString() : result.body,
  ) as Seen
}

/** How many lines of a name the event carries: every value in `multiValueHeaders`, else one. */
function linesInEvent(event: Record<string, unknown>, name: string): number {
  const multi = (event.multiValueHeaders ?? {}) as Record<string, string[]>
  const lines = Object.entries(multi).find(([n]) => n.toLowerCase() === name)?.[1]
  return lines === undefined ? 1 : lines.length
}

describe('AWS sample events, served verbatim', () => {
  it.each(SAMPLES)(
    '$file: each header line reaches the handler once, whatever the casing',
    async ({ file, door }) => {
      const event = sample(file)
      expect(detectFrontDoor(event)).toBe(door)
      const seen = await serveSample(file)
      expect(seen.frontDoor).toBe(door)
      for (const [name, values] of Object.entries(seen.lines)) {
        // v2 `cookies[]` become one Cookie field; API Gateway's domain is the Host when none was sent.
        const joinedCookies = name === 'cookie' && Array.isArray(event.cookies)
        const expected = joinedCookies || name === 'host' ? 1 : linesInEvent(event, name)
        expect(values, name).toHaveLength(expected)
      }
    },
  )

  it('reads the REST API sample of aws-lambda-go, whose names are mixed-case in both maps, once each', async () => {
    const seen = await serveSample('aws-lambda-go/apigw-request')
    expect(seen.lines).toMatchObject({
      host: ['gy415nuibc.execute-api.us-east-1.amazonaws.com'],
      'content-type': ['application/json'],
      'user-agent': ['PostmanRuntime/2.4.5'],
      'x-forwarded-for': ['54.240.196.186, 54.182.214.83'],
      'cache-control': ['no-cache'],
      headername: ['headerValue'],
    })
    expect(seen).toMatchObject({ path: '/hello/world', remoteAddress: '192.168.196.186', secure: true })
    expect(seen.body).toBe('{\r\n\t"a": 1\r\n}')
  })

  it('reads the AWS documentation REST sample with host, user-agent and x-forwarded-for once', async () => {
    const seen = await serveSample('api-gateway-rest-v1')
    expect(seen.lines.host).toEqual(['70ixmpl4fl.execute-api.ca-central-1.amazonaws.com'])
    expect(seen.lines['user-agent']).toHaveLength(1)
    expect(seen.lines['x-forwarded-for']).toEqual(['52.255.255.12'])
  })

  it('keeps both values of a repeated header in the HTTP API payload 1.0 sample of Powertools', async () => {
    const seen = await serveSample('powertools-python/apiGatewayProxyEvent')
    expect(seen.lines).toMatchObject({
      header1: ['value1'],
      header2: ['value1', 'value2'],
      origin: ['https://aws.amazon.com'],
    })
  })

  it('reads comma-joined payload 2.0 headers as one line and joins cookies[] into one Cookie field', async () => {
    for (const file of ['powertools-python/apiGatewayProxyV2Event', 'aws-lambda-go/lambda-urls-request']) {
      const seen = await serveSample(file)
      expect(seen.lines.header2, file).toEqual(['value1,value2'])
      expect(seen.lines.cookie, file).toEqual(['cookie1; cookie2'])
    }
  })

  it('takes the client address and scheme of the ALB samples from X-Forwarded-For and -Proto', async () => {
    const single = await serveSample('aws-lambda-go/alb-lambda-target-request-headers-only')
    expect(single).toMatchObject({ remoteAddress: '25.12.198.67', secure: false })
    const multi = await serveSample('powertools-python/albMultiValueHeadersEvent')
    expect(multi).toMatchObject({ remoteAddress: '123.123.123.123', secure: false, path: '/todos' })
  })

  it('reads a name that only headers has, and one spelt differently in the two maps once', async () => {
    const event = sample('aws-lambda-go/apigw-request')
    const single = event.headers as Record<string, string>
    const multi = event.multiValueHeaders as Record<string, string[]>
    single['X-Only-Single'] = 'kept'
    delete multi.Accept
    multi.accept = ['*/*']
    multi['If-None-Match'] = []
    single['If-None-Match'] = '"v1"'
    const result = await handler(event, CONTEXT)
    const seen = JSON.parse(result.body) as Seen
    expect(seen.lines['x-only-single']).toEqual(['kept'])
    expect(seen.lines.accept).toEqual(['*/*'])
    expect(seen.lines['if-none-match']).toEqual(['"v1"'])
  })
})
