/**
 * Peer: Hono 4 on `@hono/node-server`, written the way a Hono user would: typed `Variables`,
 * middleware with `c.set` for the injected dependencies (startup database and request-scoped
 * context) and for the verified JWT claims, Hono's `etag()` middleware on /doc, the built-in
 * `validator('json', …)` with zod. Hono answers 404 for unknown paths itself (text
 * "404 Not Found") and also 404 for a known path with another method, so each route gets an
 * `app.all(…)` after its handlers → 405. /compressed/doc goes through Hono's `compress()` (gzip).
 *
 * The app only: `bench/servers/hono.ts` serves its `fetch` with `@hono/node-server`; other
 * runtimes (Bun.serve) serve the same `fetch`.
 */
import { type Context, Hono } from 'hono'
import { compress } from 'hono/compress'
import { etag } from 'hono/etag'
import { validator } from 'hono/validator'
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
  type ProfileClaims,
  type RequestContext,
  type UserDb,
  userResponse,
  verifyProfileToken,
} from '../scenarios.js'

type Env = { Variables: { db: UserDb; ctx: RequestContext; claims: ProfileClaims } }

/** Builds the bench's Hono app (its middleware and routes); the caller serves `app.fetch`. */
export async function createHonoApp(): Promise<Hono<Env>> {
  const db = createUserDb() // application-scoped dependency
  const jwt = await jwtKey() // HS256 key, from BENCH_JWT_SECRET, imported once
  const app = new Hono<Env>()

  const methodNotAllowed = (allow: string) => (c: Context) =>
    c.json({ error: 'Method Not Allowed' }, 405, { allow })

  // (1) hello
  app.get(PATHS.hello, (c) => c.json(HELLO))
  app.all(PATHS.hello, methodNotAllowed(HELLO_ALLOW))

  // (2) users: dependencies injected by middleware
  app.use(`${PATHS.users}*`, async (c, next) => {
    c.set('db', db)
    c.set('ctx', createRequestContext())
    await next()
  })
  app.get(`${PATHS.users}:id`, (c) => {
    const user = c.var.db.get(c.req.param('id'))
    if (!user) return c.json({ error: 'Not Found' }, 404)
    return c.json(userResponse(user, c.var.ctx))
  })
  app.all(`${PATHS.users}:id`, methodNotAllowed('GET, HEAD'))

  // (3) profile: JWT middleware
  app.use(PATHS.profile, async (c, next) => {
    const claims = await verifyProfileToken(c.req.header('authorization'), jwt)
    if (!claims) return c.json({ error: 'Unauthorized' }, 401, { 'www-authenticate': 'Bearer' })
    c.set('claims', claims)
    return next()
  })
  app.get(PATHS.profile, (c) => c.json(c.var.claims))
  app.all(PATHS.profile, methodNotAllowed('GET, HEAD'))

  // (4) doc: Hono's etag middleware hashes the body and answers 304
  app.use(PATHS.doc, etag())
  app.get(PATHS.doc, (c) =>
    c.body(buildDocument(), 200, { 'content-type': 'application/json; charset=utf-8' }),
  )
  app.all(PATHS.doc, methodNotAllowed('GET, HEAD'))

  // (4) the same document through Hono's compress() middleware (CompressionStream: gzip or
  // deflate, no brotli), on that route only
  app.use(PATHS.docCompressed, compress())
  app.get(PATHS.docCompressed, (c) =>
    c.body(buildDocument(), 200, { 'content-type': 'application/json; charset=utf-8' }),
  )
  app.all(PATHS.docCompressed, methodNotAllowed('GET, HEAD'))

  // (5) items: Hono's validator with the zod schema
  app.post(
    PATHS.items,
    validator('json', (value, c) => {
      const parsed = ItemSchema.safeParse(value)
      if (!parsed.success) return c.json({ error: 'Invalid item', issues: parsed.error.issues }, 400)
      return parsed.data
    }),
    (c) => {
      const item = createItem(c.req.valid('json'))
      return c.json(item, 201, { location: `${PATHS.items}/${item.id}` })
    },
  )
  app.all(PATHS.items, methodNotAllowed('POST'))

  // (6) GET /missing → Hono's own 404
  return app
}
