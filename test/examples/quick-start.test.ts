import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'
import { app } from '../../examples/quick-start.js'

describe('the README quick start', () => {
  const client = createTestClient(app)
  const ada = { headers: { 'x-user': 'ada' } }

  it('answers 401 to anonymous callers, 404 for absent posts, 200 otherwise', async () => {
    expect((await client.get('/posts/1')).status).toBe(401)
    expect((await client.get('/posts/9', ada)).status).toBe(404)
    expect((await client.get('/posts/1', ada)).json()).toEqual({ id: '1', title: 'Hello', owner: 'ada' })
  })

  it('validates edits and lets only the owner make them', async () => {
    expect((await client.put('/posts/1', { ...ada, json: { title: '' } })).status).toBe(422)
    expect(
      (await client.put('/posts/1', { headers: { 'x-user': 'bob' }, json: { title: 'Mine' } })).status,
    ).toBe(403)
    const edited = await client.put('/posts/1', { ...ada, json: { title: 'Edited' } })
    expect(edited.json()).toEqual({ id: '1', title: 'Edited', owner: 'ada' })
  })

  it('creates with 201 + Location, refuses unrouted methods with 405 + Allow, deletes with 204', async () => {
    const created = await client.post('/posts', ada)
    expect([created.status, created.headers.get('location')]).toEqual([201, '/posts/2'])
    const refused = await client.post('/posts/1', ada)
    expect([refused.status, refused.headers.get('allow')]).toEqual([405, 'DELETE, GET, HEAD, OPTIONS, PUT'])
    expect((await client.delete('/posts/1', ada)).status).toBe(204)
    expect((await client.get('/posts/1', ada)).status).toBe(404)
  })
})
