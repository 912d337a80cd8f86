/**
 * The authentication guide's "Complete Example", in TypeScript: JWT login with hashed passwords,
 * a profile, an admin-only listing, and posts that only their owner (or an admin) may delete.
 *
 *   npm start                      # serves it on http://127.0.0.1:8000 (PORT / HOST override)
 *   JWT_SECRET_KEY=… npm start     # with a fixed signing secret
 */
import { randomBytes } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import { hash, verify } from '@node-rs/argon2'
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose'
import { Forbidden, RestApplication, respond, Unauthorized } from 'restmachine'
import { serve } from 'restmachine/node'
import { z } from 'zod'

const ALGORITHM = 'HS256'
const TOKEN_LIFETIME_SECONDS = 24 * 3600

/** What a login request must look like; anything else is a 422 with field errors. */
const LoginRequest = z.object({ email: z.email(), password: z.string() })

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
export interface AuthExampleOptions {
  /** HS256 signing secret. Default: env `JWT_SECRET_KEY`, or a random one (with a warning). */
  jwtSecret?: string
}

/** Builds the example application with fresh in-memory data. */
export function createApp(options: AuthExampleOptions = {}) {
  const secretKey = new TextEncoder().encode(options.jwtSecret ?? secretFromEnvironment())

  const app = new RestApplication()
    .onStartup('database', async () => {
      // Passwords are stored only as argon2id hashes; both example users' password is "secret".
      const [alice, bob, dummy] = await Promise.all([
        hash('secret'),
        hash('secret'),
        hash('not-a-real-password'),
      ])
      const users: StoredUser[] = [
        { id: '1', email: 'alice@example.com', role: 'admin', passwordHash: alice },
        { id: '2', email: 'bob@example.com', role: 'user', passwordHash: bob },
      ]
      const posts: Post[] = [
        { id: '1', title: 'Post 1', author_id: '1' },
        { id: '2', title: 'Post 2', author_id: '2' },
      ]
      // Verified against when the email is unknown, so both failures take the same time.
      return { users, posts, dummyHash: dummy }
    })
    .validates('loginRequest', LoginRequest)
    .dependency('jwtToken', ({ headers }) => {
      const authorization = headers.get('authorization') ?? ''
      if (!authorization.startsWith('Bearer ')) throw new Unauthorized('Authentication required')
      return authorization.slice('Bearer '.length)
    })
    .dependency('currentUser', async ({ jwtToken, database }) => {
      const payload = await verifyToken(jwtToken, secretKey)
      const user = database.users.find((u) => u.id === payload.user_id)
      if (user === undefined) throw invalidToken('User not found')
      return { id: user.id, email: user.email, role: user.role }
    })
    .dependency('requireAdmin', ({ currentUser }) => {
      if (currentUser.role !== 'admin') throw new Forbidden('Admin access required')
      return currentUser
    })
    .resourceExists('post', ({ pathParams, database }) =>
      database.posts.find((p) => p.id === pathParams.post_id),
    )
    .dependency('authorizedPost', ({ post, currentUser }) => {
      if (post.author_id !== currentUser.id && currentUser.role !== 'admin') {
        throw new Forbidden('Not authorized to modify this post')
      }
      return post
    })

  app.post('/login', async ({ loginRequest, database }) => {
    const user = database.users.find((u) => u.email === loginRequest.email)
    const passwordMatches = await verify(user?.passwordHash ?? database.dummyHash, loginRequest.password)
    if (user === undefined || !passwordMatches) {
      return respond({ error: 'Invalid credentials' }, { status: 401 })
    }
    const accessToken = await new SignJWT({ user_id: user.id, email: user.email, role: user.role })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
      .sign(secretKey)
    return { access_token: accessToken, token_type: 'bearer', expires_in: TOKEN_LIFETIME_SECONDS }
  })

  app.get('/profile', ({ currentUser }) => ({ user: currentUser }))

  app.get(
    '/admin/users',
    ({ database }) => ({ users: database.users.map(({ id, email, role }) => ({ id, email, role })) }),
    {
      requires: ['requireAdmin'],
    },
  )

  // Reading a post needs a signed-in user; 404 for absent posts is G7's job.
  app.get('/posts/{post_id}', ({ post }) => post, { requires: ['currentUser'] })

  app.delete('/posts/{post_id}', ({ authorizedPost, database }) => {
    database.posts = database.posts.filter((p) => p.id !== authorizedPost.id)
    return respond(null, { status: 204 })
  })

  app.errorHandler(401, ({ message }) => ({ error: 'Unauthorized', message }))
  app.errorHandler(403, ({ message }) => ({ error: 'Forbidden', message }))
  return app
}

/** Verifies an access token: HS256 only (so `alg: none` and algorithm confusion are refused), not expired. */
async function verifyToken(token: string, key: Uint8Array): Promise<{ user_id: string }> {
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: [ALGORITHM], clockTolerance: 5 })
    if (typeof payload.user_id !== 'string') throw invalidToken('Invalid token: missing user_id')
    return { user_id: payload.user_id }
  } catch (error) {
    if (error instanceof Unauthorized) throw error
    if (error instanceof joseErrors.JWTExpired) throw invalidToken('Token expired')
    throw invalidToken('Invalid token')
  }
}

function invalidToken(message: string): Unauthorized {
  // RFC 6750 §3.1: a token was presented but is not valid.
  return new Unauthorized(message, { challenge: 'Bearer error="invalid_token"' })
}

function secretFromEnvironment(): string {
  const fromEnvironment = process.env.JWT_SECRET_KEY
  if (fromEnvironment !== undefined && fromEnvironment !== '') return fromEnvironment
  console.warn(
    '[auth-complete] JWT_SECRET_KEY is not set: using a random secret for this process (tokens die with it)',
  )
  return randomBytes(32).toString('base64url')
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await serve(createApp(), {
    port: Number(process.env.PORT ?? 8000),
    hostname: process.env.HOST ?? '127.0.0.1',
  })
  console.log(`auth-complete example listening on ${server.url}`)
}
