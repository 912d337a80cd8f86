/**
 * The guide's "JWT Authentication" and "Refresh Tokens", with building blocks: HS256 access tokens
 * checked for algorithm, signature, `exp` (with a small clock tolerance), issuer and `type`;
 * refresh tokens stored server-side, ROTATED on every use, and a reused one revokes its whole
 * family (RFC 9700 §4.14.2); logout revokes; login is rate-limited. State is in memory, or in Redis
 * with `REDIS_URL` so that several instances share it.
 *
 *   JWT_SECRET_KEY=… npx tsx examples/auth/jwt.ts      # ACCESS_TOKEN_TTL, REFRESH_TOKEN_TTL, REDIS_URL…
 */

import type { TtlStore } from 'restmachine'
import { RestApplication, respond, serveOpenApi, Unauthorized } from 'restmachine'
import { createJwt, jwtBearer, passwordHasher, refreshTokens } from 'restmachine/auth'
import { z } from 'zod'
import { loginRateLimit } from './shared/login-rate-limit.js'
import {
  AUTH_ERROR_BODIES,
  AUTH_TAGS,
  EXAMPLE_INFO,
  JWT_SCHEME,
  MessageSchema,
  ProfileSchema,
  TokensSchema,
} from './shared/openapi.js'
import { runIfMain } from './shared/run.js'
import { type ExampleSettings, exampleSecret, settingsFromEnvironment } from './shared/settings.js'
import { openState } from './shared/state.js'
import { DEMO_USERS, type PublicUser, type StoredUser, toPublic, withPasswords } from './shared/users.js'

/** A login body; a wrong email or password is a 401, a malformed body a 422. */
export const LoginRequest = z.object({ email: z.string(), password: z.string() })
/** The body of `/refresh` and `/logout`. */
export const RefreshRequest = z.object({ refresh_token: z.string() })
/** The claims our access tokens must carry (checked after the signature). */
export const AccessClaims = z.object({ user_id: z.string(), email: z.string(), role: z.string() })

/** The guide's answer to bad credentials (plus the `WWW-Authenticate` every 401 gets). */
export const invalidCredentials = () => respond({ error: 'Invalid credentials' }, { status: 401 })

/** Access and refresh tokens for the JWT examples (jwt.ts and rbac.ts). */
export function createTokens(settings: ExampleSettings, store: TtlStore, example: string) {
  const accessTtl = settings.accessTokenTtl ?? 3600
  const jwt = createJwt({
    secret: exampleSecret(settings, example),
    issuer: settings.issuer ?? 'restmachine-example',
    clockTolerance: settings.clockTolerance ?? 1,
    allowWeakSecret: true, // exampleSecret warns; the library alone would refuse a short secret
  })
  const refresh = refreshTokens<{ user_id: string; email: string; role: string }>({
    store,
    jwt,
    ttl: settings.refreshTokenTtl ?? 30 * 86_400,
  })
  const claimsOf = (user: PublicUser) => ({ user_id: user.id, email: user.email, role: user.role })
  const accessToken = (user: PublicUser) => jwt.sign(claimsOf(user), { type: 'access', expiresIn: accessTtl })
  return {
    jwt,
    refresh,
    /** The login answer: a fresh access token and the first token of a new refresh family. */
    issue: async (user: PublicUser) => ({
      access_token: await accessToken(user),
      refresh_token: (await refresh.issue(user.id, claimsOf(user))).token,
      token_type: 'bearer',
      expires_in: accessTtl,
    }),
    /** The refresh answer: a new access token and the rotated refresh token. */
    renew: async (user: PublicUser, rotatedRefreshToken: string) => ({
      access_token: await accessToken(user),
      refresh_token: rotatedRefreshToken,
      token_type: 'bearer',
      expires_in: accessTtl,
    }),
  }
}

/** Builds the example application. */
export function createApp(settings: ExampleSettings = {}) {
  const state = openState(settings, 'jwt')
  const tokens = createTokens(settings, state.store, 'jwt')
  const passwords = passwordHasher(settings.passwordCost)

  const app = new RestApplication()
    .onStartup('database', async () => ({ users: await withPasswords(DEMO_USERS, passwords) }))
    .validates('loginRequest', LoginRequest)
    .validates('refreshRequest', RefreshRequest)
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

  const findUser = (users: StoredUser[], id: string) => users.find((u) => u.id === id)

  app.post(
    '/login',
    async ({ loginRequest, database }) => {
      const user = database.users.find((u) => u.email === loginRequest.email)
      // An unknown email costs one argon2 verify too, so timing does not tell which emails exist.
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

  app.get('/profile', ({ currentUser }) => ({ user: currentUser }), {
    openapi: {
      summary: 'Read my profile',
      description: 'The signed-in user.',
      tags: ['users'],
      responses: { 200: { schema: ProfileSchema } },
    },
  })

  app.post(
    '/refresh',
    async ({ refreshRequest, database }) => {
      // 401 for an access token, a forged, expired, revoked or already-used one (reuse revokes the family).
      const rotated = await tokens.refresh.rotate(refreshRequest.refresh_token)
      const user = findUser(database.users, rotated.subject)
      if (user === undefined) {
        await tokens.refresh.revokeFamily(rotated.familyId)
        throw new Unauthorized('User not found', { challenge: 'Bearer error="invalid_token"' })
      }
      return tokens.renew(toPublic(user), rotated.token)
    },
    {
      openapi: {
        summary: 'Refresh the tokens',
        description:
          'Exchanges a refresh token for a new access token and a new refresh token; the old one is spent, and using it again revokes the whole family.',
        tags: ['auth'],
        responses: {
          200: { schema: TokensSchema },
          401: { description: 'The refresh token is invalid, expired or already used.' },
        },
      },
    },
  )

  app.post(
    '/logout',
    async ({ currentUser, refreshRequest }) => {
      await tokens.refresh.revoke(refreshRequest.refresh_token, { subject: currentUser.id })
      return { message: 'Logged out successfully' }
    },
    {
      openapi: {
        summary: 'Log out',
        description: "Revokes the signed-in user's refresh token.",
        tags: ['auth'],
        responses: { 200: { schema: MessageSchema } },
      },
    },
  )

  app.onShutdown(() => state.close())
  app.errorHandler(401, ({ message }) => ({ error: 'Unauthorized', message }))
  app.errorHandler(403, ({ message }) => ({ error: 'Forbidden', message }))
  serveOpenApi(app, {
    ...EXAMPLE_INFO,
    errorBodies: AUTH_ERROR_BODIES,
    title: 'Authentication: JWT and refresh tokens',
    description:
      "The guide's JWT example: HS256 access tokens, refresh tokens rotated on every use (a reused one revokes its family), logout, a login rate limit.",
    tags: AUTH_TAGS,
  })
  return app
}

await runIfMain(import.meta.url, 'jwt', () => createApp(settingsFromEnvironment()))
