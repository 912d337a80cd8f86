/**
 * The authentication guide's "Complete Example", in TypeScript, with the guide's best practices
 * and the `restmachine/auth` building blocks: argon2id password hashes (and the same login time for
 * unknown emails), JWTs checked for algorithm, signature, expiry, issuer and `type`, a secret from
 * the environment, an admin-only listing, posts that only their owner (or an admin) may delete,
 * and a login rate limit (5 attempts per 15 minutes per client, successful or not). Its OpenAPI
 * document is at /openapi.json.
 *
 *   npm start                      # serves it on http://127.0.0.1:8000 (PORT / HOST override)
 *   JWT_SECRET_KEY=… npm start     # with a fixed signing secret; REDIS_URL to share state
 */
import {
  type GenerateOpenApiOptions,
  RestApplication,
  respond,
  serveOpenApi,
  Unauthorized,
} from 'restmachine'
import { createJwt, jwtBearer, ownerOrRole, passwordHasher, rateLimit, requireRole } from 'restmachine/auth'
import { z } from 'zod'
import { runIfMain } from './auth/shared/run.js'
import { type ExampleSettings, exampleSecret, settingsFromEnvironment } from './auth/shared/settings.js'
import { openState } from './auth/shared/state.js'

/** What a login request must look like; anything else is a 422 with field errors. */
const LoginRequest = z.object({ email: z.email(), password: z.string() })

/** The claims an access token must carry once its signature, expiry, issuer and type are verified. */
const AccessClaims = z.object({ user_id: z.string() })

/** A user as the API shows it (documented in OpenAPI). */
const UserSchema = z
  .object({ id: z.string(), email: z.email(), role: z.enum(['admin', 'user']) })
  .meta({ title: 'User' })

/** What a successful login answers. */
const TokenSchema = z
  .object({
    access_token: z.string().meta({ description: 'An HS256 JWT; send it as `Authorization: Bearer …`.' }),
    token_type: z.literal('bearer'),
    expires_in: z.int().meta({ description: 'Seconds until the access token expires.' }),
  })
  .meta({ title: 'Token' })

/** A post (documented in OpenAPI). */
const PostSchema = z
  .object({ id: z.string(), title: z.string(), author_id: z.string() })
  .meta({ title: 'Post' })

/** What the error handlers below answer for 401 and 403. */
const AuthErrorSchema = z
  .object({ error: z.enum(['Unauthorized', 'Forbidden']), message: z.string() })
  .meta({ title: 'AuthError' })

/** The OpenAPI document's info and tags (served at /openapi.json). */
const OPENAPI: GenerateOpenApiOptions = {
  title: 'Authentication: complete example',
  version: '1.0.0',
  description:
    "The authentication guide's complete example: argon2id passwords, HS256 access tokens, an admin-only listing and posts only their owner or an admin may delete. Log in with `alice@example.com` (admin) or `bob@example.com`, password `secret`.",
  license: { name: 'MIT', identifier: 'MIT' },
  contact: { name: 'RestMachine examples', email: 'examples@example.org' },
  errorBodies: { 401: AuthErrorSchema, 403: AuthErrorSchema },
  tags: [
    { name: 'auth', description: 'Logging in: exchanging an email and password for an access token.' },
    { name: 'users', description: 'The signed-in user and, for admins, every user.' },
    {
      name: 'posts',
      description: 'Posts, readable by any signed-in user, deletable by their owner or an admin.',
    },
    { name: 'openapi', description: 'This document.' },
  ],
}

interface StoredUser {
  id: string
  email: string
  role: 'admin' | 'user'
  passwordHash: string
}

interface Post {
  id: string
  title: string
  author_id: string
}

/** Settings of {@link createApp}; tests pass their own. */
export interface AuthExampleOptions extends ExampleSettings {}

/** Builds the example application with fresh in-memory data (state in Redis with `redisUrl`). */
export function createApp(options: AuthExampleOptions = {}) {
  const state = openState(options, 'auth-complete')
  const passwords = passwordHasher(options.passwordCost)
  const accessTtl = options.accessTokenTtl ?? 24 * 3600
  const jwt = createJwt({
    secret: exampleSecret(options, 'auth-complete'),
    issuer: options.issuer ?? 'restmachine-example',
    clockTolerance: options.clockTolerance ?? 1,
    allowWeakSecret: true, // exampleSecret warns about short secrets
  })

  const app = new RestApplication()
    .onStartup('database', async () => {
      // Passwords are stored only as argon2id hashes; both example users' password is "secret".
      const users: StoredUser[] = [
        { id: '1', email: 'alice@example.com', role: 'admin', passwordHash: await passwords.hash('secret') },
        { id: '2', email: 'bob@example.com', role: 'user', passwordHash: await passwords.hash('secret') },
      ]
      const posts: Post[] = [
        { id: '1', title: 'Post 1', author_id: '1' },
        { id: '2', title: 'Post 2', author_id: '2' },
      ]
      return { users, posts }
    })
    .validates('loginRequest', LoginRequest)
    // Best practice 3: every attempt counts, successful or not, including malformed ones.
    .dependency(
      'loginRateLimit',
      rateLimit({
        name: 'login',
        points: options.loginRateLimit ?? 5,
        duration: options.loginRateWindow ?? 15 * 60,
        redis: state.redis,
        keyPrefix: `${state.keyPrefix}:login`,
        trustProxy: options.trustProxy,
        whenUnavailable: options.rateLimitWhenRedisDown,
      }),
      { openapi: { responses: [429] } },
    )
    // Best practice 5: HS256 only, exp (with a small tolerance), iss and type are all checked.
    .authorized('accessToken', jwtBearer(jwt, { type: 'access', schema: AccessClaims }), {
      openapi: { security: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    })
    .dependency('currentUser', ({ accessToken, database }) => {
      const user = database.users.find((u) => u.id === accessToken.user_id)
      if (user === undefined)
        throw new Unauthorized('User not found', { challenge: 'Bearer error="invalid_token"' })
      return { id: user.id, email: user.email, role: user.role }
    })
    .forbidden('requireAdmin', requireRole('admin'))
    .resourceExists('post', ({ pathParams, database }) =>
      database.posts.find((p) => p.id === pathParams.post_id),
    )
    .dependency(
      'authorizedPost',
      ({ post, currentUser }) =>
        ownerOrRole(currentUser, post, { owner: 'author_id', message: 'Not authorized to modify this post' }),
      { openapi: { responses: [403] } }, // ownerOrRole throws Forbidden
    )

    .post(
      '/login',
      async ({ loginRequest, database }) => {
        const user = database.users.find((u) => u.email === loginRequest.email)
        // Best practice 1: argon2id; an unknown email verifies a dummy hash, so both failures take as long.
        if (
          !(await passwords.verifyOrDummy(user?.passwordHash, loginRequest.password)) ||
          user === undefined
        ) {
          return respond({ error: 'Invalid credentials' }, { status: 401 })
        }
        // Best practice 4: the token expires (ACCESS_TOKEN_TTL, 24 h here as in the guide).
        const accessToken = await jwt.sign(
          { user_id: user.id, email: user.email, role: user.role },
          { type: 'access', expiresIn: accessTtl },
        )
        return { access_token: accessToken, token_type: 'bearer', expires_in: accessTtl }
      },
      {
        requires: ['loginRateLimit', 'loginRequest'], // loginRequest named: the typed client knows the body
        openapi: {
          summary: 'Log in',
          description:
            'Exchanges an email and password for an access token; 5 attempts per 15 minutes per client.',
          tags: ['auth'],
          responses: { 200: { schema: TokenSchema }, 401: { description: 'Wrong email or password.' } },
        },
      },
    )
    .get('/profile', ({ currentUser }) => ({ user: currentUser }), {
      openapi: {
        summary: 'Read my profile',
        description: 'The signed-in user.',
        tags: ['users'],
        responses: { 200: { schema: z.object({ user: UserSchema }).meta({ title: 'Profile' }) } },
      },
    })
    .get(
      '/admin/users',
      ({ database }) => ({ users: database.users.map(({ id, email, role }) => ({ id, email, role })) }),
      {
        requires: ['requireAdmin'],
        openapi: {
          summary: 'List users',
          description: 'Every user; admins only.',
          tags: ['users'],
          responses: { 200: { schema: z.object({ users: z.array(UserSchema) }).meta({ title: 'Users' }) } },
        },
      },
    )
    // Reading a post needs a signed-in user; 404 for absent posts is G7's job.
    .get('/posts/{post_id}', ({ post }) => post, {
      requires: ['currentUser'],
      openapi: {
        summary: 'Read a post',
        description: 'Any signed-in user may read any post.',
        responses: { 200: { schema: PostSchema } },
      },
    })
    .delete(
      '/posts/{post_id}',
      ({ authorizedPost, database }) => {
        database.posts = database.posts.filter((p) => p.id !== authorizedPost.id)
        return respond(null, { status: 204 })
      },
      {
        openapi: { summary: 'Delete a post', description: 'Only its author or an admin may delete a post.' },
      },
    )

  serveOpenApi(app, OPENAPI)

  app.onShutdown(() => state.close())
  app.errorHandler(401, ({ message }) => ({ error: 'Unauthorized', message }))
  app.errorHandler(403, ({ message }) => ({ error: 'Forbidden', message }))
  return app
}

await runIfMain(import.meta.url, 'auth-complete', () => createApp(settingsFromEnvironment()))
