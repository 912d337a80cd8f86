import {
  type AlbResult,
  type ApiGatewayV1Result,
  type ApiGatewayV2Result,
  detectFrontDoor,
  type LambdaHttpResult,
  toLambdaHandler,
} from 'restmachine/lambda'
import { describe, expect, it } from 'vitest'
import { captureConsole } from '../support/console.js'
import { CONTEXT, echoApp, fixture } from './lambda-support.js'

type Event = Record<string, unknown> & { requestContext: Record<string, unknown> }

function serve() {
  const { app, counters } = echoApp()
  const handler = toLambdaHandler(app, { stopOnSigterm: false })
  const invoke = async (event: unknown) => {
    const result = await handler(event, CONTEXT)
    return { result, json: () => JSON.parse(decodeBody(result)) as Record<string, unknown> }
  }
  return { handler, invoke, counters }
}

function decodeBody(result: LambdaHttpResult): string {
  return result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body
}

describe('API Gateway REST API (payload 1.0)', () => {
  it('serves the AWS sample event: path without the stage, request id, source IP, cookies, HTTPS', async () => {
    const { invoke } = serve()
    const event = fixture<Event>('api-gateway-rest-v1')
    expect(detectFrontDoor(event)).toBe('api-gateway-v1')
    const { result, json } = await invoke(event)
    expect(result.statusCode).toBe(200)
    expect((result as ApiGatewayV1Result).headers?.['content-type']).toBe('application/json')
    expect(json()).toMatchObject({
      method: 'GET',
      path: '/',
      frontDoor: 'api-gateway-v1',
      requestId: '77375676-xmpl-4b79-853a-f982474efe18',
      remoteAddress: '52.255.255.12',
      stage: 'Prod',
      secure: true,
      cookies: { s_fid: '7AABXMPL1AFD9BBF-0643XMPL09956DE2', regStatus: 'pre-register' },
    })
  })

  it('re-encodes multi-value query parameters and keeps every value of a repeated header', async () => {
    const { invoke } = serve()
    const event = fixture<Event>('api-gateway-rest-v1')
    event.path = '/my/path'
    event.resource = '/my/path'
    event.multiValueQueryStringParameters = { q: ['a b', 'c&d'], single: ['é'] }
    event.queryStringParameters = { q: 'c&d', single: 'é' }
    ;(event.multiValueHeaders as Record<string, string[]>).header2 = ['value1', 'value2']
    const body = (await invoke(event)).json()
    expect(body.rawQuery).toBe('q=a%20b&q=c%26d&single=%C3%A9')
    expect(body.query).toEqual({ q: 'a b', single: 'é' })
    expect(body.header2).toBe('value1, value2')
  })

  it('strips a custom domain base path, found from the matched resource', async () => {
    const { invoke } = serve()
    const named = fixture<Event>('api-gateway-rest-v1')
    Object.assign(named, { path: '/petstore/users/7', resource: '/users/{id}', pathParameters: { id: '7' } })
    expect((await invoke(named)).json().path).toBe('/users/7')

    const proxy = fixture<Event>('api-gateway-rest-v1')
    Object.assign(proxy, { path: '/petstore/a/b', resource: '/{proxy+}', pathParameters: { proxy: 'a/b' } })
    expect((await invoke(proxy)).json().path).toBe('/a/b')

    const direct = fixture<Event>('api-gateway-rest-v1')
    Object.assign(direct, { path: '/users/7', resource: '/users/{id}', pathParameters: { id: '7' } })
    expect((await invoke(direct)).json().path).toBe('/users/7')
  })

  it('removes a configured base path instead of guessing one', async () => {
    const { app } = echoApp()
    const handler = toLambdaHandler(app, { stopOnSigterm: false, basePath: '/v1' })
    const event = fixture<Event>('api-gateway-http-v2')
    event.rawPath = '/v1/users/5'
    const result = await handler(event, CONTEXT)
    expect(JSON.parse(decodeBody(result)).path).toBe('/users/5')
  })

  it('decodes a base64 request body, as REST APIs with binary media types send even JSON', async () => {
    const { invoke } = serve()
    const event = fixture<Event>('api-gateway-rest-v1')
    Object.assign(event, {
      httpMethod: 'POST',
      path: '/json',
      resource: '/json',
      body: Buffer.from('{"name":"Zoë"}').toString('base64'),
      isBase64Encoded: true,
    })
    ;(event.multiValueHeaders as Record<string, string[]>)['content-type'] = ['application/json']
    const { result, json } = await invoke(event)
    expect(result.statusCode).toBe(200)
    expect(json()).toEqual({ received: { name: 'Zoë' } })
  })

  it('puts every Set-Cookie in multiValueHeaders', async () => {
    const { invoke } = serve()
    const event = fixture<Event>('api-gateway-rest-v1')
    Object.assign(event, { path: '/cookies', resource: '/cookies' })
    const result = (await invoke(event)).result as ApiGatewayV1Result
    expect(result.multiValueHeaders?.['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/; HttpOnly'])
    expect(result.headers?.['set-cookie']).toBeUndefined()
    expect(result.headers?.vary).toBe('accept')
  })
})

describe('API Gateway HTTP API, payload 1.0', () => {
  it('serves the AWS sample event with its mutual-TLS certificate and repeated values', async () => {
    const { invoke } = serve()
    const body = (await invoke(fixture('api-gateway-http-v1'))).json()
    expect(body).toMatchObject({
      path: '/my/path',
      rawQuery: 'parameter1=value1&parameter1=value2&parameter2=value',
      header2: 'value1, value2',
      remoteAddress: '192.0.2.1',
      requestId: 'id=',
      host: 'id.execute-api.us-east-1.amazonaws.com',
      clientSubject: 'www.example.com',
      body: 'Hello from Lambda!',
    })
  })
})

describe('API Gateway HTTP API, payload 2.0', () => {
  it('serves the AWS sample event: cookies array back into one Cookie field, raw query kept', async () => {
    const { invoke } = serve()
    const event = fixture<Event>('api-gateway-http-v2')
    expect(detectFrontDoor(event)).toBe('api-gateway-v2')
    const body = (await invoke(event)).json()
    expect(body).toMatchObject({
      method: 'POST',
      path: '/my/path',
      rawQuery: 'parameter1=value1&parameter1=value2&parameter2=value',
      cookieHeader: 'cookie1; cookie2',
      header2: 'value1,value2',
      remoteAddress: '192.0.2.1',
      requestId: 'id',
      body: 'Hello from Lambda',
      clientSubject: 'www.example.com',
      frontDoor: 'api-gateway-v2',
    })
  })

  it('strips a named stage from rawPath and escapes what HTTP APIs decoded', async () => {
    const { invoke } = serve()
    const staged = fixture<Event>('api-gateway-http-v2')
    staged.rawPath = '/prod/users/42'
    Object.assign(staged.requestContext, { stage: 'prod' })
    expect((await invoke(staged)).json().path).toBe('/users/42')

    const decoded = fixture<Event>('api-gateway-http-v2')
    decoded.rawPath = '/files/a b?.txt'
    expect((await invoke(decoded)).json().path).toBe('/files/a%20b%3F.txt')
  })

  it('returns cookies in the cookies array and joins other repeated fields', async () => {
    const { invoke } = serve()
    const event = fixture<Event>('api-gateway-http-v2')
    event.rawPath = '/cookies'
    Object.assign(event.requestContext.http as object, { method: 'GET' })
    const result = (await invoke(event)).result as ApiGatewayV2Result
    expect(result.cookies).toEqual(['a=1; Path=/', 'b=2; Path=/; HttpOnly'])
    expect(result.headers?.['set-cookie']).toBeUndefined()
  })
})

describe('Lambda Function URL', () => {
  it('is told apart from an HTTP API by its domain and keeps the path as is', async () => {
    const { invoke } = serve()
    const event = fixture<Event>('function-url')
    expect(detectFrontDoor(event)).toBe('function-url')
    const body = (await invoke(event)).json()
    expect(body).toMatchObject({
      path: '/my/path',
      frontDoor: 'function-url',
      remoteAddress: '123.123.123.123',
      body: 'Hello from client!',
      host: '<url-id>.lambda-url.us-west-2.on.aws',
    })
  })
})

describe('Application Load Balancer', () => {
  it('serves the AWS sample event: client IP from X-Forwarded-For, plain HTTP, status description', async () => {
    const { invoke } = serve()
    const event = fixture<Event>('alb')
    expect(detectFrontDoor(event)).toBe('alb')
    const { result, json } = await invoke(event)
    expect((result as AlbResult).statusDescription).toBe('200 OK')
    expect((result as AlbResult).multiValueHeaders).toBeUndefined()
    expect(json()).toMatchObject({
      path: '/lambda',
      rawQuery: 'query=1234ABCD',
      remoteAddress: '72.12.164.125',
      secure: false,
      requestId: CONTEXT.awsRequestId,
    })
  })

  it('passes query parameters on still encoded, as the ALB does not decode them', async () => {
    const { invoke } = serve()
    const event = fixture<Event>('alb')
    event.queryStringParameters = { q: 'a%20b%26c' }
    expect((await invoke(event)).json()).toMatchObject({ rawQuery: 'q=a%20b%26c', query: { q: 'a b&c' } })
  })

  it('without multi-value headers sends one Set-Cookie and warns once per application', async () => {
    const warned = captureConsole('warn')
    const { invoke } = serve()
    const event = fixture<Event>('alb')
    event.path = '/cookies'
    const result = (await invoke(event)).result as AlbResult
    expect(result.headers?.['set-cookie']).toBe('a=1; Path=/')
    await invoke(event)
    const message =
      '[restmachine] an ALB response can carry only one Set-Cookie field; the others were dropped. ' +
      'Enable lambda.multi_value_headers.enabled on the target group.'
    expect(warned).toEqual([[message]])
    // The flag belongs to the handler, not the process: another application warns for itself.
    await serve().invoke(event)
    expect(warned).toEqual([[message], [message]])
  })

  it('warns about dropped cookies through the application’s logger when it has one', async () => {
    const logged: string[] = []
    const { app } = echoApp({ logger: { error: () => {}, warn: (message) => logged.push(message) } })
    const handler = toLambdaHandler(app, { stopOnSigterm: false })
    const event = fixture<Event>('alb')
    event.path = '/cookies'
    await handler(event, CONTEXT)
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatch(/^\[restmachine\] an ALB response can carry only one Set-Cookie/)
  })

  it('with multi-value headers reads repeated values and answers in multiValueHeaders', async () => {
    const { invoke } = serve()
    const event = fixture<Event>('alb-multi-value')
    expect(detectFrontDoor(event)).toBe('alb-multi-value')
    const { result, json } = await invoke(event)
    expect(json()).toMatchObject({
      rawQuery: 'myKey=val1&myKey=val2&myOtherKey=val3&myOtherKey=val4',
      cookies: { name1: 'value1', name2: 'value2' },
      remoteAddress: '72.21.198.66',
      secure: true,
    })
    expect((result as AlbResult).multiValueHeaders?.['content-type']).toEqual(['application/json'])
    event.path = '/cookies'
    const cookies = (await invoke(event)).result as AlbResult
    expect(cookies.multiValueHeaders?.['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/; HttpOnly'])
  })
})

describe('content through every front door', () => {
  const doors = ['api-gateway-rest-v1', 'api-gateway-http-v2', 'function-url', 'alb', 'alb-multi-value']
  const at = (name: string, path: string, method = 'GET'): Event => {
    const event = fixture<Event>(name)
    if ('rawPath' in event) {
      event.rawPath = path
      Object.assign(event.requestContext.http as object, { method })
    } else Object.assign(event, { path, resource: path, httpMethod: method })
    return event
  }

  it.each(doors)('%s: binary content goes base64 with isBase64Encoded', async (door) => {
    const { invoke } = serve()
    const { result } = await invoke(at(door, '/png'))
    expect(result.isBase64Encoded).toBe(true)
    expect([...Buffer.from(result.body, 'base64')]).toEqual([137, 80, 78, 71, 13, 10, 26, 10, 255, 0])
  })

  it.each(doors)('%s: compressed text goes base64, plain text and JSON as text', async (door) => {
    const { invoke } = serve()
    expect((await invoke(at(door, '/gzipped'))).result.isBase64Encoded).toBe(true)
    const streamed = (await invoke(at(door, '/stream'))).result
    expect(streamed.isBase64Encoded).toBe(true) // a stream without a type is application/octet-stream
    expect(decodeBody(streamed)).toBe('chunk-1 chunk-2')
    expect((await invoke(at(door, '/'))).result.isBase64Encoded).toBe(false)
  })

  it.each(doors)(
    '%s: HEAD returns the body a GET would have, for the front door to measure',
    async (door) => {
      const { invoke } = serve()
      const get = (await invoke(at(door, '/png'))).result
      const head = (await invoke(at(door, '/png', 'HEAD'))).result
      expect(head.statusCode).toBe(200)
      expect(head.body).toBe(get.body)
      expect(head.isBase64Encoded).toBe(true)
    },
  )

  it.each(doors)('%s: a 204 has an empty body', async (door) => {
    const { invoke } = serve()
    const result = (await invoke(at(door, '/users/9', 'DELETE'))).result
    expect(result.statusCode).toBe(204)
    expect(result.body).toBe('')
  })
})

describe('the Lambda lifecycle', () => {
  it('creates startup values once per cold start, not per request, and reaches the shutdown hooks', async () => {
    const { handler, invoke, counters } = serve()
    await handler.ready
    expect(counters.startups).toBe(1)
    for (let i = 0; i < 3; i++) await invoke(fixture('api-gateway-http-v2'))
    expect(counters.startups).toBe(1)
    await handler.stop()
    expect(counters.shutdowns).toBe(1)
  })

  it('refuses an event that no HTTP front door sends', async () => {
    const { handler } = serve()
    await expect(handler({ Records: [{ eventSource: 'aws:sqs' }] }, CONTEXT)).rejects.toThrow(
      /not an HTTP event/,
    )
  })

  it('answers 413 when a base64 body decodes past the body limit', async () => {
    const { RestApplication } = await import('restmachine')
    const app = new RestApplication({ bodyLimit: 10 })
    app.post('/upload', ({ body }) => ({ size: body.byteLength }))
    const handler = toLambdaHandler(app, { stopOnSigterm: false })
    const event = fixture<Event>('api-gateway-http-v2')
    Object.assign(event, {
      rawPath: '/upload',
      body: Buffer.alloc(64).toString('base64'),
      isBase64Encoded: true,
    })
    expect((await handler(event, CONTEXT)).statusCode).toBe(413)
  })
})
