import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { RestApplication } from '../../src/index.js'
import { toJsonSchema } from '../../src/openapi/index.js'
import { relocate } from '../../src/openapi/json-schema.js'
import { linkedNodeIds } from '../../src/openapi/linked-nodes.js'
import { openApiPath, operationId } from '../../src/openapi/naming.js'
import { schemeFromChallenge } from '../../src/openapi/security.js'
import { parsePathTemplate } from '../../src/router/index.js'
import { defined } from '../support/defined.js'

describe('JSON Schema conversion', () => {
  it('uses the library’s own converter through ~standard.jsonSchema', () => {
    expect(toJsonSchema(z.object({ a: z.string() }), 'input')).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      properties: { a: { type: 'string' } },
    })
  })

  it('describes the output side, where defaults make fields required', () => {
    const schema = z.object({ a: z.string().default('x') })
    expect(toJsonSchema(schema, 'input')).not.toHaveProperty('required')
    expect(toJsonSchema(schema, 'output')).toMatchObject({ required: ['a'] })
  })

  it('passes a plain JSON Schema through', () => {
    expect(toJsonSchema({ type: 'integer' }, 'output')).toEqual({ type: 'integer' })
  })

  it('rewrites local refs below the component and drops $schema and $id', () => {
    const relocated = relocate(
      {
        $schema: 'x',
        $id: 'y',
        items: { $ref: '#' },
        a: [{ $ref: '#/$defs/B' }],
        b: { $ref: 'https://e.x/s' },
      },
      '#/components/schemas/T',
    )
    expect(relocated).toEqual({
      items: { $ref: '#/components/schemas/T' },
      a: [{ $ref: '#/components/schemas/T/$defs/B' }],
      b: { $ref: 'https://e.x/s' },
    })
  })
})

describe('naming and security', () => {
  it('converts a wildcard template to an OpenAPI path', () => {
    expect(openApiPath(parsePathTemplate('/a/{b}/{c:path}'))).toBe('/a/{b}/{c}')
  })

  it('makes operationIds unique', () => {
    const taken = new Set<string>()
    expect(operationId('GET', parsePathTemplate('/a-b/{id}'), taken)).toBe('getABById')
    expect(operationId('GET', parsePathTemplate('/a_b/{id}'), taken)).toBe('getABById2')
  })

  it('derives an HTTP security scheme from the challenge', () => {
    expect(schemeFromChallenge('Bearer')).toEqual({ type: 'http', scheme: 'bearer' })
    expect(schemeFromChallenge('Digest realm="x", qop="auth"')).toEqual({ type: 'http', scheme: 'digest' })
    expect(schemeFromChallenge('')).toEqual({ type: 'http', scheme: 'bearer' })
  })
})

describe('reading the compiled plans', () => {
  it('lists the nodes a plan runs and not the ones the planner dropped', () => {
    const app = new RestApplication().resourceExists('thing', () => ({}), { etag: () => '"1"' })
    app.get('/things/{id}', ({ thing }) => thing)
    app.get('/plain', () => ({}))
    const { paths } = app.describe()
    const getEntry = (index: number) =>
      defined(defined(paths[index], `path ${index}`).entry.methods.get('GET'), `the GET of path ${index}`)
        .entry
    const withEtag = linkedNodeIds(getEntry(0))
    expect([...withEtag].sort()).toEqual(['G11', 'G7', 'G8', 'HANDLER', 'I12', 'J18', 'K13'])
    expect([...linkedNodeIds(getEntry(1))]).toEqual(['HANDLER'])
  })
})
