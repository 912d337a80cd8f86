import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type LambdaFrontDoor, lambdaEventFor } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

const FIXTURE: Record<LambdaFrontDoor, string> = {
  'api-gateway-v1': 'api-gateway-rest-v1',
  'api-gateway-http-v1': 'api-gateway-http-v1',
  'api-gateway-v2': 'api-gateway-http-v2',
  'function-url': 'function-url',
  alb: 'alb',
  'alb-multi-value': 'alb-multi-value',
}

/** Every key path in an object (`requestContext.http.method`), stopping at maps whose keys are data. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return []
  const dataMaps =
    /(^|\.)(headers|multiValueHeaders|queryStringParameters|multiValueQueryStringParameters|pathParameters|stageVariables)$/
  if (dataMaps.test(prefix)) return []
  return Object.entries(value).flatMap(([key, inner]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`
    return [path, ...keyPaths(inner, path)]
  })
}

describe('simulated front-door events', () => {
  const request = {
    method: 'POST',
    target: '/a/b?x=1&x=2',
    headers: [
      ['content-type', 'application/json'],
      ['cookie', 'a=1; b=2'],
    ] as Array<[string, string]>,
    body: new TextEncoder().encode('{"a":1}'),
    remoteAddress: '192.0.2.10',
  }

  it.each(Object.keys(FIXTURE) as LambdaFrontDoor[])(
    '%s: uses only fields that appear in the AWS sample event',
    (door) => {
      const sample = JSON.parse(
        readFileSync(join(import.meta.dirname, '..', 'fixtures', 'lambda', `${FIXTURE[door]}.json`), 'utf8'),
      )
      const allowed = new Set(keyPaths(sample))
      const unknown = keyPaths(lambdaEventFor(door, request, 'req-1')).filter((path) => !allowed.has(path))
      expect(unknown).toEqual([])
    },
  )
})

describe('simulated front-door headers', () => {
  const request = {
    method: 'GET',
    target: '/a',
    headers: [
      ['Host', 'client.example'],
      ['Authorization', 'Bearer t'],
      ['Accept', 'text/html'],
      ['Accept', 'application/json'],
      ['Cookie', 'a=1; b=2'],
      ['Cookie', 'c=3'],
    ] as Array<[string, string]>,
    body: undefined,
    remoteAddress: '192.0.2.10',
  }
  type Maps = {
    headers?: Record<string, string>
    multiValueHeaders?: Record<string, string[]>
    cookies?: string[]
  }
  const event = (door: LambdaFrontDoor) => lambdaEventFor(door, request, 'req-1') as Maps

  it.each(['api-gateway-v1', 'api-gateway-http-v1'] as const)(
    '%s: carries every line in multiValueHeaders and the last of each name in headers, names as written',
    (door) => {
      const { headers, multiValueHeaders } = event(door)
      expect(multiValueHeaders).toMatchObject({
        Authorization: ['Bearer t'],
        Accept: ['text/html', 'application/json'],
        Cookie: ['a=1; b=2', 'c=3'],
      })
      expect(headers).toMatchObject({ Authorization: 'Bearer t', Accept: 'application/json', Cookie: 'c=3' })
      expect(Object.keys(headers ?? {})).toEqual(Object.keys(multiValueHeaders ?? {}))
    },
  )

  it.each(['api-gateway-v2', 'function-url'] as const)(
    '%s: joins repeated lines with commas and moves the cookies into cookies[]',
    (door) => {
      const { headers, cookies, multiValueHeaders } = event(door)
      expect(multiValueHeaders).toBeUndefined()
      expect(headers).toMatchObject({ Authorization: 'Bearer t', Accept: 'text/html,application/json' })
      expect(Object.keys(headers ?? {}).some((n) => n.toLowerCase() === 'cookie')).toBe(false)
      expect(cookies).toEqual(['a=1', 'b=2', 'c=3'])
    },
  )

  it('alb: keeps only the last line of a repeated name, and no multiValueHeaders', () => {
    const { headers, multiValueHeaders } = event('alb')
    expect(multiValueHeaders).toBeUndefined()
    expect(headers).toMatchObject({ Authorization: 'Bearer t', Accept: 'application/json', Cookie: 'c=3' })
    expect(headers?.['x-forwarded-for']).toBe('192.0.2.10')
  })

  it('alb-multi-value: carries every line in multiValueHeaders only', () => {
    const { headers, multiValueHeaders } = event('alb-multi-value')
    expect(headers).toBeUndefined()
    expect(multiValueHeaders).toMatchObject({
      Accept: ['text/html', 'application/json'],
      Cookie: ['a=1; b=2', 'c=3'],
    })
  })
})
