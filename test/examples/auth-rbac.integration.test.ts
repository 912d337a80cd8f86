import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOW_COST } from '../auth/support/http.js'
import { defined } from '../support/defined.js'
import { EXAMPLE_DOORS, type ExampleApi, openApi } from './support/doors.js'

const SECRET = 'rbac-example-secret-that-is-long-enough!'

describe.each(EXAMPLE_DOORS)('examples/auth/rbac.ts via %s', (door) => {
  let api: ExampleApi
  const token: Record<string, string> = {}

  beforeAll(async () => {
    api = await openApi(door, async () =>
      (await import('../../examples/auth/rbac.js')).createApp({ jwtSecret: SECRET, passwordCost: LOW_COST }),
    )
    for (const who of ['alice', 'mo', 'bob']) {
      const login = await api.call('POST', '/login', {
        json: { email: `${who}@example.com`, password: 'secret' },
      })
      expect(login.status).toBe(200)
      expect(login.body).toMatchObject({ token_type: 'bearer', expires_in: 3600 })
      expect(typeof login.body.refresh_token).toBe('string')
      token[who] = login.body.access_token
    }
  })
  afterAll(() => api.close())

  const as = (who: string) => ({ token: defined(token[who], `a token for ${who} (beforeAll)`) })
  const USERS = [
    { id: '1', email: 'alice@example.com', role: 'admin' },
    { id: '2', email: 'bob@example.com', role: 'user' },
    { id: '3', email: 'mo@example.com', role: 'moderator' },
  ]

  it('answers bad credentials with 401 {"error":"Invalid credentials"}', async () => {
    const response = await api.call('POST', '/login', { json: { email: 'mo@example.com', password: 'x' } })
    expect(response.status).toBe(401)
    expect(response.body).toEqual({ error: 'Invalid credentials' })
  })

  describe('GET /admin/users (admin)', () => {
    it('lists the users without password hashes for an admin', async () => {
      const response = await api.call('GET', '/admin/users', as('alice'))
      expect(response.status).toBe(200)
      expect(response.body).toEqual({ users: USERS })
    })

    it('answers 403 naming the role for a moderator and a user, 401 for nobody', async () => {
      for (const who of ['mo', 'bob']) {
        const response = await api.call('GET', '/admin/users', as(who))
        expect(response.status).toBe(403)
        expect(response.body).toEqual({ error: 'Forbidden', message: 'Admin access required' })
      }
      const anonymous = await api.call('GET', '/admin/users')
      expect(anonymous.status).toBe(401)
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer')
    })
  })

  describe('GET /users (users:read)', () => {
    it('lists the users for admins and moderators', async () => {
      for (const who of ['alice', 'mo']) {
        const response = await api.call('GET', '/users', as(who))
        expect(response.status).toBe(200)
        expect(response.body).toEqual({ users: USERS })
      }
    })

    it('answers 403 naming the permission for a user', async () => {
      const response = await api.call('GET', '/users', as('bob'))
      expect(response.status).toBe(403)
      expect(response.body).toEqual({ error: 'Forbidden', message: "Permission 'users:read' required" })
    })
  })

  describe('PUT /posts/{post_id} (owner or admin)', () => {
    it('lets the owner update their post, merging the JSON body', async () => {
      const response = await api.call('PUT', '/posts/3', { ...as('bob'), json: { title: 'Post 3, edited' } })
      expect(response.status).toBe(200)
      expect(response.body).toEqual({ id: '3', title: 'Post 3, edited', author_id: '2', published: true })
    })

    it('lets an admin update anyone’s post, keeping unknown fields of the body', async () => {
      const response = await api.call('PUT', '/posts/2', {
        ...as('alice'),
        json: { published: true, tags: ['x'] },
      })
      expect(response.status).toBe(200)
      expect(response.body).toEqual({
        id: '2',
        title: 'Post 2',
        author_id: '2',
        published: true,
        tags: ['x'],
      })
      await api.call('PUT', '/posts/2', { ...as('alice'), json: { published: false } })
    })

    it('answers 403 to a moderator and a user who do not own the post', async () => {
      for (const who of ['mo', 'bob']) {
        const response = await api.call('PUT', '/posts/1', { ...as(who), json: { title: 'mine now' } })
        expect(response.status).toBe(403)
        expect(response.body).toEqual({ error: 'Forbidden', message: 'You can only edit your own posts' })
      }
    })

    it('answers 422 for a body that moves the post to another owner, and 415/400 for bad bodies', async () => {
      const moved = await api.call('PUT', '/posts/3', { ...as('bob'), json: { author_id: '1' } })
      expect(moved.status).toBe(422)
      const same = await api.call('PUT', '/posts/3', { ...as('bob'), json: { id: '3', author_id: '2' } })
      expect(same.status).toBe(200)
      const text = await api.call('PUT', '/posts/3', {
        ...as('bob'),
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      })
      expect(text.status).toBe(415)
      const broken = await api.call('PUT', '/posts/3', {
        ...as('bob'),
        body: '{',
        headers: { 'content-type': 'application/json' },
      })
      expect(broken.status).toBe(400)
    })

    it('answers 404 for an absent post once authenticated, 401 before', async () => {
      expect((await api.call('PUT', '/posts/99', { ...as('bob'), json: { title: 'x' } })).status).toBe(404)
      expect((await api.call('PUT', '/posts/99', { json: { title: 'x' } })).status).toBe(401)
    })
  })

  describe('GET /posts (optional authentication)', () => {
    it('shows anonymous callers only published posts with id, title and published', async () => {
      const response = await api.call('GET', '/posts')
      expect(response.status).toBe(200)
      expect(response.body).toEqual({
        posts: [
          { id: '1', title: 'Post 1', published: true },
          { id: '3', title: expect.any(String), published: true },
        ],
      })
      for (const post of response.body.posts)
        expect(Object.keys(post).sort()).toEqual(['id', 'published', 'title'])
    })

    it('shows signed-in callers every post with every field', async () => {
      const response = await api.call('GET', '/posts', as('bob'))
      expect(response.body.posts).toHaveLength(3)
      expect(response.body.posts[1]).toMatchObject({
        id: '2',
        title: 'Post 2',
        author_id: '2',
        published: false,
      })
    })

    it('answers 401 invalid_token for a token that does not verify instead of silently downgrading', async () => {
      const response = await api.call('GET', '/posts', { token: 'garbage' })
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
    })
  })

  describe('DELETE /posts/{post_id} (moderator or admin)', () => {
    it('answers 403 naming the roles for a user, even the author', async () => {
      const response = await api.call('DELETE', '/posts/3', as('bob'))
      expect(response.status).toBe(403)
      expect(response.body).toEqual({ error: 'Forbidden', message: 'Moderator or admin access required' })
    })

    it('lets a moderator delete with 204 and no body, then 404', async () => {
      const response = await api.call('DELETE', '/posts/3', as('mo'))
      expect(response.status).toBe(204)
      expect(response.text).toBe('')
      expect((await api.call('DELETE', '/posts/3', as('mo'))).status).toBe(404)
      expect((await api.call('DELETE', '/posts/3')).status).toBe(401)
    })
  })

  describe('DELETE /users/{user_id} (users:delete)', () => {
    it('answers 403 naming the permission for a moderator', async () => {
      const response = await api.call('DELETE', '/users/2', as('mo'))
      expect(response.status).toBe(403)
      expect(response.body).toEqual({ error: 'Forbidden', message: "Permission 'users:delete' required" })
    })

    it('lets an admin delete a user with 204, after which the user is gone and their token stops working', async () => {
      const response = await api.call('DELETE', '/users/2', as('alice'))
      expect(response.status).toBe(204)
      expect(response.text).toBe('')
      expect((await api.call('DELETE', '/users/2', as('alice'))).status).toBe(404)
      expect((await api.call('DELETE', '/users/99')).status).toBe(401)
      expect(
        (await api.call('GET', '/users', as('alice'))).body.users.map((u: { id: string }) => u.id),
      ).toEqual(['1', '3'])
      expect((await api.call('PUT', '/posts/2', { ...as('bob'), json: {} })).status).toBe(401)
    })
  })
})
