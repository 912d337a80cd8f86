import { RestApplication } from 'restmachine'
import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import {
  apiKey,
  bearerAuth,
  cookieSessions,
  createJwt,
  definePermissions,
  type JwtClaims,
  jwtBearer,
  optional,
  type RateLimitState,
  rateLimit,
  requireRole,
  type Session,
} from '../../src/auth/index.js'
import { MemoryStore } from '../../src/stores/index.js'

const jwt = createJwt({ secret: 'x'.repeat(32) })

describe('auth building blocks carry their value types into handlers', () => {
  it('types the user of apiKey and bearerAuth from their tables', () => {
    new RestApplication()
      .authorized('currentUser', apiKey({ keys: { k: { user_id: '1', name: 'Alice' } } }))
      .authorized('bearerUser', bearerAuth({ tokens: { t: { id: 1 } } }))
      .get('/', ({ currentUser, bearerUser }) => {
        expectTypeOf(currentUser).toEqualTypeOf<{ user_id: string; name: string }>()
        expectTypeOf(bearerUser).toEqualTypeOf<{ id: number }>()
      })
  })

  it('types jwtBearer as the claims, the schema’s output, or the mapped user', () => {
    new RestApplication()
      .authorized('claims', jwtBearer(jwt))
      .authorized('parsed', jwtBearer(jwt, { schema: z.object({ user_id: z.string() }) }))
      .authorized(
        'mapped',
        jwtBearer(jwt, { schema: z.object({ n: z.number() }), user: (c) => ({ double: c.n * 2 }) }),
      )
      .get('/', ({ claims, parsed, mapped }) => {
        expectTypeOf(claims).toEqualTypeOf<JwtClaims>()
        expectTypeOf(parsed).toEqualTypeOf<{ user_id: string }>()
        expectTypeOf(mapped).toEqualTypeOf<{ double: number }>()
      })
  })

  it('makes optional users nullable', () => {
    new RestApplication().dependency('maybe', optional(jwtBearer(jwt))).get('/', ({ maybe }) => {
      expectTypeOf(maybe).toEqualTypeOf<JwtClaims | null>()
    })
  })

  it('passes currentUser’s type through role and permission guards, and needs currentUser', () => {
    const { requirePermission } = definePermissions({ admin: ['users:read'], user: ['posts:read'] })
    new RestApplication()
      .dependency('currentUser', () => ({ id: '1', role: 'admin', email: 'a@example.com' }))
      .forbidden('admin', requireRole('admin'))
      .forbidden('reader', requirePermission('users:read'))
      .get('/', ({ admin, reader }) => {
        expectTypeOf(admin.email).toEqualTypeOf<string>()
        expectTypeOf(reader.id).toEqualTypeOf<string>()
      })
    // @ts-expect-error a permission no role has is a compile error
    requirePermission('users:raed')
    // @ts-expect-error a guard needs a currentUser to read
    new RestApplication().forbidden('admin', requireRole('admin'))
  })

  it('types sessions, their data and the login starter', () => {
    const sessions = cookieSessions<{ userId: string }>({ store: new MemoryStore() })
    new RestApplication()
      .authorized('session', sessions.authenticate())
      .dependency('startSession', sessions.starter())
      .get('/', ({ session, startSession }) => {
        expectTypeOf(session).toEqualTypeOf<Session<{ userId: string }>>()
        expectTypeOf(startSession).parameter(0).toEqualTypeOf<{ userId: string }>()
      })
  })

  it('types the rate limit state', () => {
    new RestApplication().dependency('limit', rateLimit({ points: 1, duration: 1 })).get('/', ({ limit }) => {
      expectTypeOf(limit).toEqualTypeOf<RateLimitState>()
    })
  })
})
