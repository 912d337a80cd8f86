import { RestApplication } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

const traceOf = (response: { headers: { get(name: string): string | null } }) =>
  response.headers.get('x-restmachine-trace')?.split(',') ?? []

describe('K7/K5/L5 a missing resource that has a history', () => {
  const app = new RestApplication({ trace: true }).resourceExists(
    'page',
    () => null as { id: string } | null,
    {
      previouslyExisted: ({ pathParams }) => pathParams.slug !== 'never',
      movedPermanently: ({ pathParams }) => (pathParams.slug === 'old' ? '/pages/new' : null),
      movedTemporarily: ({ pathParams }) => (pathParams.slug === 'busy' ? '/pages/elsewhere' : null),
    },
  )
  app.get('/pages/{slug}', ({ page }) => page)
  const client = createTestClient(app)

  it('answers 301 with Location when it moved for good', async () => {
    const response = await client.get('/pages/old')
    expect([response.status, response.headers.get('location')]).toEqual([301, '/pages/new'])
    expect(traceOf(response).slice(-3)).toEqual(['G7', 'K7', 'K5'])
  })

  it('answers 307 with Location when it moved for now', async () => {
    const response = await client.get('/pages/busy')
    expect([response.status, response.headers.get('location')]).toEqual([307, '/pages/elsewhere'])
    expect(traceOf(response).slice(-4)).toEqual(['G7', 'K7', 'K5', 'L5'])
  })

  it('answers 410 when it existed once, and 404 when it never did', async () => {
    const gone = await client.get('/pages/deleted')
    expect(gone.status).toBe(410)
    expect(gone.json()).toMatchObject({ error: 'Gone' })
    expect((await client.get('/pages/never')).status).toBe(404)
  })
})

describe('O14 Conflict?', () => {
  it('answers 409 from the conflict callback before reading the body', async () => {
    const app = new RestApplication({ trace: true }).resourceExists('account', () => ({ locked: true }))
    app.put('/accounts/{id}', ({ account, jsonBody }) => ({ account, jsonBody }), {
      conflict: ({ account }) => account.locked,
    })
    const response = await createTestClient(app).put('/accounts/1', { json: { a: 1 } })
    expect(response.status).toBe(409)
    expect(traceOf(response).slice(-2)).toEqual(['G7', 'O14'])
  })
})

describe('PUT creation', () => {
  it('answers 404 for a missing resource unless the route creates it', async () => {
    const app = new RestApplication().resourceExists('item', () => undefined as { id: string } | undefined)
    app.put('/items/{id}', ({ item }) => item ?? null)
    expect((await createTestClient(app).put('/items/1')).status).toBe(404)
  })

  it('refuses creates on methods other than PUT and on names that are not resources', async () => {
    const app = new RestApplication().dependency('thing', () => 1)
    app.put('/x/{id}', ({ thing }) => thing, { creates: 'thing' })
    await expect(app.start()).rejects.toThrow(/'creates' must name a resourceExists value/)
  })
})
