/**
 * The guide's "Cookie-Based Sessions", with the `cookieSessions` building block: 256-bit random
 * session ids in an `HttpOnly; SameSite=Lax; Path=/` cookie (`Secure` over HTTPS), a new id at
 * every login, idle and absolute expiry, server-side destruction at logout, and a CSRF check on
 * every cookie-authenticated unsafe request. In memory, or in Redis with `REDIS_URL`.
 *
 *   npx tsx examples/auth/sessions.ts
 *   curl -i -c jar localhost:8000/login -H 'content-type: application/json' \
 *     -H 'origin: http://localhost:8000' -d '{"email":"alice@example.com","password":"secret"}'
 *   curl -b jar localhost:8000/profile
 *   curl -i -b jar -X POST localhost:8000/logout -H 'origin: http://localhost:8000'
 *
 * Unsafe requests must say where they come from (`Origin`, as every browser sends on a POST): curl
 * sends no `Origin`, so without `-H 'origin: …'` login and logout get 403 (decision 0221).
 */
import { RestApplication, serveOpenApi, Unauthorized } from 'restmachine'
import { cookieSessions, passwordHasher } from 'restmachine/auth'
import { invalidCredentials, LoginRequest } from './jwt.js'
import { loginRateLimit } from './shared/login-rate-limit.js'
import { AUTH_ERROR_BODIES, AUTH_TAGS, EXAMPLE_INFO, MessageSchema, ProfileSchema } from './shared/openapi.js'
import { runIfMain } from './shared/run.js'
import { type ExampleSettings, settingsFromEnvironment } from './shared/settings.js'
import { openState } from './shared/state.js'
import { DEMO_USERS, toPublic, withPasswords } from './shared/users.js'

/** Builds the example application. */
export function createApp(settings: ExampleSettings = {}) {
  const state = openState(settings, 'sessions')
  const passwords = passwordHasher(settings.passwordCost)
  const sessions = cookieSessions<{ user_id: string }>({
    store: state.store,
    cookieName: 'session_id',
    absoluteTimeout: 7 * 86_400, // the guide's 7 days: Max-Age=604800
    idleTimeout: settings.sessionIdleTimeout ?? 86_400,
    trustProxy: settings.trustProxy !== undefined,
  })

  const app = new RestApplication()
    .onStartup('database', async () => ({ users: await withPasswords(DEMO_USERS, passwords) }))
    .validates('loginRequest', LoginRequest)
    .dependency('loginRateLimit', loginRateLimit(settings, state), { openapi: { responses: [429] } })
    .dependency('startSession', sessions.starter())
    // The session cookie; unsafe requests that carry it must also pass the CSRF check (403).
    .authorized('session', sessions.authenticate(), {
      openapi: { security: { type: 'apiKey', in: 'cookie', name: 'session_id' }, responses: [403] },
    })
    .dependency('currentUser', ({ session, database }) => {
      const user = database.users.find((u) => u.id === session.data.user_id)
      if (user === undefined) throw new Unauthorized('Invalid session')
      return toPublic(user)
    })

  app.post(
    '/login',
    async ({ loginRequest, database, startSession }) => {
      const user = database.users.find((u) => u.email === loginRequest.email)
      if (!(await passwords.verifyOrDummy(user?.passwordHash, loginRequest.password)) || user === undefined) {
        return invalidCredentials()
      }
      await startSession({ user_id: user.id }) // a new id; the old session (if any) is destroyed
      return { message: 'Logged in successfully' }
    },
    {
      requires: ['loginRateLimit'],
      openapi: {
        summary: 'Log in',
        description: 'Checks an email and password and starts a new session.',
        tags: ['auth'],
        responses: {
          200: {
            schema: MessageSchema,
            headers: {
              'Set-Cookie': {
                description:
                  'The new session: `session_id=…; HttpOnly; SameSite=Lax; Path=/` (and `Secure` over HTTPS).',
                schema: { type: 'string' },
              },
            },
          },
          401: { description: 'Wrong email or password.' },
        },
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
    '/logout',
    async ({ session }) => {
      await session.destroy() // server-side, and `Set-Cookie: session_id=; …; Max-Age=0`
      return { message: 'Logged out successfully' }
    },
    {
      openapi: {
        summary: 'Log out',
        description: 'Destroys the session on the server and clears the cookie.',
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
    title: 'Authentication: cookie sessions',
    description:
      "The guide's cookie session example: random session ids in an HttpOnly cookie, a new id at every login, idle and absolute expiry, and a CSRF check on unsafe requests.",
    tags: AUTH_TAGS,
  })
  return app
}

await runIfMain(import.meta.url, 'sessions', () => createApp(settingsFromEnvironment()))
