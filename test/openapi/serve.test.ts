import { describe, expect, it } from 'vitest'
import { RestApplication } from '../../src/index.js'
import { generateOpenApi, openApiHandler, serveOpenApi } from '../../src/openapi/index.js'
import { expectValidOpenApi } from './support.js'

const info = { title: 'Served API', version: '1.0.0' }

describe('serving the document', () => {
  it('answers GET /openapi.json with the document, which lists the route itself', async () => {
    const app = new RestApplication()
    app.get('/hello', () => ({ hello: 'world' }))
    serveOpenApi(app, info)
    const response = await app.fetch(new Request('http://localhost/openapi.json'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    const document = await expectValidOpenApi(await response.json())
    expect(Object.keys(document.paths)).toEqual(['/hello', '/openapi.json'])
    const head = await app.fetch(new Request('http://localhost/openapi.json', { method: 'HEAD' }))
    expect(head.status).toBe(200)
  })

  it('serves it at another path too, on an application with a refined context type', async () => {
    const app = new RestApplication().onStartup('database', () => new Map<string, string>())
    app.get('/keys', ({ database }) => [...database.keys()])
    serveOpenApi(app, info, '/docs/openapi.json')
    const response = await app.fetch(new Request('http://localhost/docs/openapi.json'))
    expect((await response.json()).info).toEqual(info)
  })

  it('generates once, from the plans of the started application', async () => {
    const app = new RestApplication()
    const handler = openApiHandler(app, info)
    app.get('/openapi.json', handler, { inject: [] })
    await app.start()
    const first = handler()
    expect(handler()).toBe(first)
    expect(first).toEqual(generateOpenApi(app, info))
  })
})
