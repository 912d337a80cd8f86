/**
 * Peer on Bun: Elysia 1.4, written the way an Elysia user would: the startup database as a
 * `decorate`, the request-scoped context and the verified JWT claims as `derive` in a plugin that
 * holds only their routes, zod as the route's `body` schema (Elysia takes Standard Schema; an
 * invalid body → its own 422), `status(…)` for the error answers. Elysia has no ETag support, so
 * /doc hashes the built body (SHA-1, like Hono's `etag()`) and compares `If-None-Match` by hand
 * (RFC 9110 §13.1.2: a list of entity tags or `*`, weak comparison). Elysia has no compression
 * middleware, so /compressed/doc is absent and that scenario is not comparable. Elysia answers 404
 * for an unknown path itself and also 404 for a known path with another method, so each route
 * gets an `.all(…)` → 405 + Allow.
 *
 * The app only: `bench/servers/bun-elysia.ts` serves it with `app.listen` on Bun.
 */
import { createHash } from 'node:crypto'
import { Elysia, status } from 'elysia'
import {
  buildDocument,
  createItem,
  createRequestContext,
  createUserDb,
  HELLO,
  HELLO_ALLOW,
  ItemSchema,
  jwtKey,
  PATHS,
  userResponse,
  verifyProfileToken,
} from '../scenarios.js'

/** True when an If-None-Match value matches `etag` (weak comparison, RFC 9110 §13.1.2). */
function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false
  if (header.trim() === '*') return true
  const opaque = etag.replace(/^W\//, '')
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque)
}

const methodNotAllowed = (allow: string) => () =>
  new Response(JSON.stringify({ error: 'Method Not Allowed' }), {
    status: 405,
    headers: { allow, 'content-type': 'application/json' },
  })

/** Builds the bench's Elysia app (its plugins and routes); the caller listens. */
export async function createElysiaApp() {
  const db = createUserDb() // application-scoped dependency
  const jwt = await jwtKey() // HS256 key, from BENCH_JWT_SECRET, imported once

  // (2) users: the db decorated, a fresh request context derived per request
  const users = new Elysia()
    .decorate('db', db)
    .derive(() => ({ ctx: createRequestContext() }))
    .get(`${PATHS.users}:id`, ({ db, ctx, params: { id } }) => {
      const user = db.get(id)
      return user ? userResponse(user, ctx) : status(404, { error: 'Not Found' })
    })
    .all(`${PATHS.users}:id`, methodNotAllowed('GET, HEAD'))

  // (3) profile: the claims derived from the bearer token, 401 before the handler without them
  const profile = new Elysia()
    .derive(async ({ headers }) => ({ claims: await verifyProfileToken(headers.authorization, jwt) }))
    .get(PATHS.profile, ({ claims, set }) => {
      if (claims) return claims
      set.headers['www-authenticate'] = 'Bearer'
      return status(401, { error: 'Unauthorized' })
    })
    .all(PATHS.profile, methodNotAllowed('GET, HEAD'))

  return (
    new Elysia()
      // (1) hello
      .get(PATHS.hello, () => HELLO)
      .all(PATHS.hello, methodNotAllowed(HELLO_ALLOW))
      .use(users)
      .use(profile)
      // (4) doc: build, hash, compare
      .get(PATHS.doc, ({ headers, set }) => {
        const body = buildDocument()
        const etag = `"${createHash('sha1').update(body).digest('hex')}"`
        set.headers.etag = etag
        if (noneMatch(headers['if-none-match'], etag))
          return new Response(null, { status: 304, headers: { etag } })
        set.headers['content-type'] = 'application/json; charset=utf-8'
        return body
      })
      .all(PATHS.doc, methodNotAllowed('GET, HEAD'))
      // (5) items: zod as the body schema
      .post(
        PATHS.items,
        ({ body, set }) => {
          const item = createItem(body)
          set.headers.location = `${PATHS.items}/${item.id}`
          return status(201, item)
        },
        { body: ItemSchema },
      )
      .all(PATHS.items, methodNotAllowed('POST'))
    // (6) GET /missing → Elysia's own 404
  )
}
