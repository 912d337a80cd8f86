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
