import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLE_DOORS, type ExampleApi, openApi } from './support/doors.js'

describe.each(EXAMPLE_DOORS)('the README quick start via %s', (door) => {
  let api: ExampleApi
  beforeAll(async () => {
    api = await openApi(door, async () => (await import('../../examples/quick-start.js')).app)
  })
  afterAll(() => api.close())
  const ada = { headers: { 'x-user': 'ada' } }

  it('answers 401 to anonymous callers, 404 for absent posts, 200 otherwise', async () => {
    expect((await api.call('GET', '/posts/1')).status).toBe(401)
    expect((await api.call('GET', '/posts/9', ada)).status).toBe(404)
    expect((await api.call('GET', '/posts/1', ada)).body).toEqual({ id: '1', title: 'Hello', owner: 'ada' })
  })

  it('validates edits and lets only the owner make them', async () => {
    expect((await api.call('PUT', '/posts/1', { ...ada, json: { title: '' } })).status).toBe(422)
    expect(
      (await api.call('PUT', '/posts/1', { headers: { 'x-user': 'bob' }, json: { title: 'Mine' } })).status,
    ).toBe(403)
    const edited = await api.call('PUT', '/posts/1', { ...ada, json: { title: 'Edited' } })
    expect(edited.body).toEqual({ id: '1', title: 'Edited', owner: 'ada' })
  })

  it('creates with 201 + Location, refuses unrouted methods with 405 + Allow, deletes with 204', async () => {
    const created = await api.call('POST', '/posts', ada)
    expect([created.status, created.headers.get('location')]).toEqual([201, '/posts/2'])
    const refused = await api.call('POST', '/posts/1', ada)
    expect([refused.status, refused.headers.get('allow')]).toEqual([405, 'DELETE, GET, HEAD, OPTIONS, PUT'])
    expect((await api.call('DELETE', '/posts/1', ada)).status).toBe(204)
    expect((await api.call('GET', '/posts/1', ada)).status).toBe(404)
  })
})
