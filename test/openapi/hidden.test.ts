import { describe, expect, it } from 'vitest'
import { RestApplication } from '../../src/index.js'
import { generateOpenApi } from '../../src/openapi/index.js'
import { expectValidOpenApi } from './support.js'

const info = { title: 'Hidden routes', version: '1.0.0' }

describe('routes left out of the document with hidden', () => {
  it('leaves out a hidden GET and its HEAD, and a path with nothing left, keeping the rest', async () => {
    const app = new RestApplication()
    app.get('/internal', () => 'ok', { openapi: { hidden: true } })
    app.get('/notes', () => [], { openapi: { hidden: true } })
    app.post('/notes', () => ({}))
    app.get('/shown', () => 'ok', { openapi: { hidden: false } })
    const document = await expectValidOpenApi(generateOpenApi(app, info))
    expect(Object.keys(document.paths)).toEqual(['/notes', '/shown'])
    expect(Object.keys(document.paths['/notes'] ?? {}).filter((key) => key !== 'description')).toEqual([
      'post',
    ])
    expect(document.paths['/shown']).toHaveProperty('head')
  })

  it("hides a route through the generator's operations too, and shows one hidden by its route", async () => {
    const app = new RestApplication()
    app.get('/a', () => 'a')
    app.get('/b', () => 'b', { openapi: { hidden: true } })
    const document = generateOpenApi(app, {
      ...info,
      operations: { 'GET /a': { hidden: true }, 'GET /b': { hidden: false } },
    })
    expect(Object.keys(document.paths)).toEqual(['/b'])
  })
})
