/**
 * The guide's "Role-Based Access Control", "Permission-Based Access", "Owner-Based Access" and
 * "Optional Authentication", with building blocks: `requireRole`, `definePermissions`,
 * `ownerOrRole` composed with `resourceExists`, and `optional(jwtBearer(…))`. Login works as in
 * jwt.ts. The machine orders the answers: 401 (who are you?) → 403 (may you?) → 404 (is it there?).
 *
 *   JWT_SECRET_KEY=… npx tsx examples/auth/rbac.ts
 */
import { RestApplication, respond, serveOpenApi, Unauthorized, UnprocessableEntity } from 'restmachine'
import {
  definePermissions,
  jwtBearer,
  optional,
  ownerOrRole,
  passwordHasher,
  requireRole,
} from 'restmachine/auth'
import { z } from 'zod'
import { AccessClaims, createTokens, invalidCredentials, LoginRequest } from './jwt.js'
import { loginRateLimit } from './shared/login-rate-limit.js'
import {
  AUTH_ERROR_BODIES,
  AUTH_TAGS,
  EXAMPLE_INFO,
  JWT_SCHEME,
  TokensSchema,
  UsersSchema,
} from './shared/openapi.js'
import { runIfMain } from './shared/run.js'
import { type ExampleSettings, settingsFromEnvironment } from './shared/settings.js'
import { openState } from './shared/state.js'
import { DEMO_USERS, toPublic, withPasswords } from './shared/users.js'

/** The guide's role → permission table; permission names are typed from it. */
export const { requirePermission } = definePermissions({
  admin: ['users:read', 'users:write', 'users:delete', 'posts:read', 'posts:write', 'posts:delete'],
  moderator: ['users:read', 'posts:read', 'posts:write', 'posts:delete'],
  user: ['posts:read', 'posts:write'],
})

interface Post {
  id: string
  title: string
  author_id: string
  published: boolean
  [field: string]: unknown
}

/** A post update: any JSON object; `id` and `author_id` may be repeated but not changed. */
const PostUpdate = z.looseObject({
  id: z.string().optional(),
  author_id: z.string().optional(),
  title: z.string().min(1).max(200).optional(),
  published: z.boolean().optional(),
})

/** A post as `/posts` and `PUT /posts/{post_id}` answer it (documented in OpenAPI). */
const PostSchema = z
  .looseObject({
    id: z.string(),
    title: z.string(),
    author_id: z.string().optional(),
    published: z.boolean(),
  })
  .meta({ title: 'Post' })

/** Builds the example application. */
export function createApp(settings: ExampleSettings = {}) {
  const state = openState(settings, 'rbac')
  const tokens = createTokens(settings, state.store, 'rbac')
  const passwords = passwordHasher(settings.passwordCost)

  const app = new RestApplication()
    .onStartup('database', async () => ({
      users: await withPasswords(DEMO_USERS, passwords),
      posts: [
        { id: '1', title: 'Post 1', author_id: '1', published: true },
        { id: '2', title: 'Post 2', author_id: '2', published: false },
        { id: '3', title: 'Post 3', author_id: '2', published: true },
      ] as Post[],
    }))
    .validates('loginRequest', LoginRequest)
    .validates('postUpdate', PostUpdate)
    .dependency('loginRateLimit', loginRateLimit(settings, state), { openapi: { responses: [429] } })
    .authorized('accessToken', jwtBearer(tokens.jwt, { schema: AccessClaims }), {
      openapi: { security: JWT_SCHEME },
    })
    .dependency('currentUser', ({ accessToken, database }) => {
      const user = database.users.find((u) => u.id === accessToken.user_id)
      if (user === undefined)
        throw new Unauthorized('User not found', { challenge: 'Bearer error="invalid_token"' })
      return toPublic(user)
    })
    // Optional authentication: no token → null (anonymous); a bad token is still a 401.
    .dependency('optionalToken', optional(jwtBearer(tokens.jwt, { schema: AccessClaims })), {
      openapi: { security: JWT_SCHEME, optional: true },
    })
    .dependency('optionalUser', ({ optionalToken, database }) => {
      const user = optionalToken && database.users.find((u) => u.id === optionalToken.user_id)
      return user ? toPublic(user) : null
    })
    .forbidden('requireAdmin', requireRole('admin'))
    .forbidden('requireModerator', requireRole('moderator', 'admin'))
    .forbidden('requireReadUsers', requirePermission('users:read'))
    .forbidden('requireDeleteUsers', requirePermission('users:delete'))
    .resourceExists('post', ({ pathParams, database }) =>
      database.posts.find((p) => p.id === pathParams.post_id),
    )
    .resourceExists('user', ({ pathParams, database }) =>
      database.users.find((u) => u.id === pathParams.user_id),
    )
    .dependency(
      'authorizedPost',
      ({ post, currentUser }) =>
        ownerOrRole(currentUser, post, {
          owner: 'author_id',
          roles: ['admin'],
          message: 'You can only edit your own posts',
        }),
      { openapi: { responses: [403] } }, // ownerOrRole throws Forbidden
    )

  app.post(
    '/login',
    async ({ loginRequest, database }) => {
      const user = database.users.find((u) => u.email === loginRequest.email)
      if (!(await passwords.verifyOrDummy(user?.passwordHash, loginRequest.password)) || user === undefined) {
        return invalidCredentials()
      }
      return tokens.issue(toPublic(user))
    },
    {
      requires: ['loginRateLimit'],
      openapi: {
        summary: 'Log in',
        description: 'Exchanges an email and password for an access token and a refresh token.',
        tags: ['auth'],
        responses: { 200: { schema: TokensSchema }, 401: { description: 'Wrong email or password.' } },
      },
    },
  )

  app.get('/admin/users', ({ database }) => ({ users: database.users.map(toPublic) }), {
    requires: ['requireAdmin'],
    openapi: {
      summary: 'List users (admins)',
      description: 'Every user; the `admin` role only.',
      tags: ['users'],
      responses: { 200: { schema: UsersSchema } },
    },
  })

  app.get('/users', ({ database }) => ({ users: database.users.map(toPublic) }), {
    requires: ['requireReadUsers'],
    openapi: {
      summary: 'List users',
      description: 'Every user; needs the `users:read` permission.',
      responses: { 200: { schema: UsersSchema } },
    },
  })

  app.delete(
    '/users/{user_id}',
    ({ user, database }) => {
      database.users = database.users.filter((u) => u.id !== user.id)
      return respond(null, { status: 204 })
    },
    {
      requires: ['requireDeleteUsers'],
      openapi: { summary: 'Delete a user', description: 'Needs the `users:delete` permission.' },
    },
  )

  app.delete(
    '/posts/{post_id}',
    ({ post, database }) => {
      database.posts = database.posts.filter((p) => p.id !== post.id)
      return respond(null, { status: 204 })
    },
    {
      requires: ['requireModerator'],
      openapi: { summary: 'Delete a post', description: 'Moderators and admins only.' },
    },
  )

  app.put(
    '/posts/{post_id}',
    ({ authorizedPost, postUpdate }) => {
      // Merging the body as the guide does, except that a post's identity and owner stay put.
      for (const field of ['id', 'author_id'] as const) {
        if (postUpdate[field] !== undefined && postUpdate[field] !== authorizedPost[field]) {
          throw new UnprocessableEntity('Validation failed', [
            { loc: [field], msg: `${field} cannot be changed`, type: 'immutable' },
          ])
        }
      }
      Object.assign(authorizedPost, postUpdate)
      return authorizedPost
    },
    {
      openapi: {
        summary: 'Edit a post',
        description:
          'Merges the body into the post; its author or an admin only. `id` and `author_id` cannot change.',
        responses: { 200: { schema: PostSchema } },
      },
    },
  )

  app.get(
    '/posts',
    ({ optionalUser, database }) => {
      if (optionalUser !== null) return { posts: database.posts }
      return {
        posts: database.posts
          .filter((p) => p.published)
          .map(({ id, title, published }) => ({ id, title, published })),
      }
    },
    {
      openapi: {
        summary: 'List posts',
        description:
          'Signed-in users see every post; anonymous callers see the published ones, without their authors.',
        responses: { 200: { schema: z.object({ posts: z.array(PostSchema) }).meta({ title: 'Posts' }) } },
      },
    },
  )

  app.onShutdown(() => state.close())
  app.errorHandler(401, ({ message }) => ({ error: 'Unauthorized', message }))
  app.errorHandler(403, ({ message }) => ({ error: 'Forbidden', message }))
  serveOpenApi(app, {
    ...EXAMPLE_INFO,
    errorBodies: AUTH_ERROR_BODIES,
    title: 'Authentication: roles, permissions and owners',
    description:
      "The guide's access-control examples: roles, permissions, owner-only edits and optional authentication. The machine orders the answers: 401, then 403, then 404.",
    tags: [
      ...AUTH_TAGS.filter((tag) => tag.name !== 'openapi'),
      { name: 'posts', description: 'Posts: public when published, editable by their author.' },
      ...AUTH_TAGS.filter((tag) => tag.name === 'openapi'),
    ],
  })
  return app
}

await runIfMain(import.meta.url, 'rbac', () => createApp(settingsFromEnvironment()))
