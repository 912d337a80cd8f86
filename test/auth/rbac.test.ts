import { RestApplication } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'
import {
  definePermissions,
  hasRole,
  ownerOrRole,
  requireRole,
  roleMessage,
  rolesOf,
} from '../../src/auth/index.js'
import { HttpError } from '../../src/errors/index.js'

const statusOf = (run: () => unknown) => {
  try {
    run()
    return 'ok'
  } catch (error) {
    return error instanceof HttpError ? `${error.status} ${error.message}` : String(error)
  }
}

describe('roles', () => {
  it('reads a role string and a roles list', () => {
    expect(rolesOf({ role: 'admin' })).toEqual(['admin'])
    expect(rolesOf({ roles: ['a', 7, 'b'] })).toEqual(['a', 'b'])
    expect(rolesOf(null)).toEqual([])
    expect(hasRole({ role: 'moderator' }, 'moderator', 'admin')).toBe(true)
    expect(hasRole({ role: 'user' }, 'moderator', 'admin')).toBe(false)
  })

  it('words the 403 as the guide does', () => {
    expect(roleMessage(['admin'])).toBe('Admin access required')
    expect(roleMessage(['moderator', 'admin'])).toBe('Moderator or admin access required')
  })

  it('requireRole lets matching users through, 403 for others, 401 for nobody', () => {
    const guard = requireRole('moderator', 'admin')
    const admin = { id: '1', role: 'admin' }
    expect(guard({ currentUser: admin })).toBe(admin)
    expect(statusOf(() => guard({ currentUser: { role: 'user' } }))).toBe(
      '403 Moderator or admin access required',
    )
    expect(statusOf(() => guard({ currentUser: null }))).toBe('401 Authentication required')
  })
})

describe('definePermissions', () => {
  const permissions = definePermissions({
    admin: ['users:read', 'users:delete', 'posts:read'],
    user: ['posts:read'],
  })

  it('lists and checks a principal’s permissions, none for unknown roles', () => {
    expect(permissions.of({ role: 'user' })).toEqual(['posts:read'])
    expect(permissions.of({ roles: ['user', 'admin'] })).toEqual(['posts:read', 'users:read', 'users:delete'])
    expect(permissions.of({ role: 'hacker' })).toEqual([])
    expect(permissions.can({ role: 'admin' }, 'users:read', 'users:delete')).toBe(true)
    expect(permissions.can({ role: 'user' }, 'posts:read', 'users:read')).toBe(false)
  })

  it('makes guards that name the missing permission', () => {
    const guard = permissions.requirePermission('users:read', 'users:delete')
    expect(statusOf(() => guard({ currentUser: { role: 'user' } }))).toBe(
      "403 Permission 'users:read' required",
    )
    expect(statusOf(() => guard({ currentUser: { role: 'admin' } }))).toBe('ok')
    expect(statusOf(() => guard({ currentUser: undefined }))).toBe('401 Authentication required')
    expect(permissions.permissionsOf()({ currentUser: { role: 'user' } })).toEqual(['posts:read'])
  })

  it('refuses at start-up a permission no role has', () => {
    expect(() => permissions.requirePermission('users:raed' as 'users:read')).toThrow(/in no role/)
  })
})

describe('ownerOrRole', () => {
  const post = { id: '9', author_id: '2' }

  it('lets the owner and the privileged roles through, 403 for others and 401 for nobody', () => {
    expect(ownerOrRole({ id: '2', role: 'user' }, post, { owner: 'author_id' })).toBe(post)
    expect(ownerOrRole({ id: '1', role: 'admin' }, post, { owner: 'author_id' })).toBe(post)
    expect(statusOf(() => ownerOrRole({ id: '3', role: 'moderator' }, post, { owner: 'author_id' }))).toBe(
      '403 You can only modify your own resources',
    )
    expect(
      statusOf(() =>
        ownerOrRole({ id: '3', role: 'moderator' }, post, {
          owner: (p) => p.author_id,
          roles: ['moderator'],
        }),
      ),
    ).toBe('ok')
    expect(statusOf(() => ownerOrRole(null, post, { owner: 'author_id' }))).toBe(
      '401 Authentication required',
    )
  })

  it('never matches a missing owner or a missing user id', () => {
    expect(
      statusOf(() => ownerOrRole({ role: 'user' }, { author_id: undefined }, { owner: 'author_id' })),
    ).toMatch(/^403/)
    expect(
      statusOf(() => ownerOrRole({ id: '2', role: 'user' }, post, { owner: 'author_id', userId: 'user_id' })),
    ).toMatch(/^403/)
  })
})

describe('RBAC in the decision machine', () => {
  it('answers 401, then 403, then 404, in that order', async () => {
    const { requirePermission } = definePermissions({ admin: ['posts:delete'], user: [] })
    const app = new RestApplication()
      .authorized('currentUser', ({ headers }) => {
        const role = headers.get('x-role')
        return role === null ? null : { id: '1', role }
      })
      .forbidden('canDelete', requirePermission('posts:delete'))
      .resourceExists('post', ({ pathParams }) => (pathParams.id === '1' ? { id: '1' } : undefined))
    app.delete('/posts/{id}', () => undefined, { requires: ['canDelete', 'post'] })
    const client = createTestClient(app)
    expect((await client.delete('/posts/2')).status).toBe(401)
    expect((await client.delete('/posts/2', { headers: { 'x-role': 'user' } })).status).toBe(403)
    expect((await client.delete('/posts/2', { headers: { 'x-role': 'admin' } })).status).toBe(404)
    expect((await client.delete('/posts/1', { headers: { 'x-role': 'admin' } })).status).toBe(204)
  })
})
