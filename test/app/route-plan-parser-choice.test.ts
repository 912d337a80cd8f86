import { RestApplication } from 'restmachine'
import { describe, expect, it } from 'vitest'
import type { RoutePlan } from '../../src/machine/index.js'

function planOf(app: RestApplication, template: string, method: string): RoutePlan {
  const path = app.describe().paths.find((p) => p.template.source === template)
  return path?.entry.methods.get(method) as RoutePlan
}

describe('the body parser choice on a compiled route', () => {
  it('keeps the route its remembering parser chooser when the route parses its body by type', async () => {
    const app = new RestApplication()
    app.post('/parsed', ({ parsedBody }) => parsedBody)
    app.post('/plain', () => 'ok')
    const parserFor = planOf(app, '/parsed', 'POST').parserFor
    expect(parserFor).toBeTypeOf('function')
    expect(parserFor?.('application/json; charset=utf-8')?.mediaTypes).toContain('application/json')
    expect(planOf(app, '/plain', 'POST').parserFor).toBeUndefined()
  })

  it('parses the body with the chosen parser on every request to that route', async () => {
    const app = new RestApplication()
    app.post('/parsed', ({ parsedBody }) => parsedBody)
    await app.start()
    for (let i = 0; i < 3; i++) {
      const response = await app.fetch(
        new Request('http://localhost/parsed', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: `{"n":${i}}`,
        }),
      )
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ n: i })
    }
  })
})
