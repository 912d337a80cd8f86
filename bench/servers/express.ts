/**
 * Peer: Express 5, written the way an Express user would: `app.locals` for the startup
 * database, a middleware putting the request-scoped context in `res.locals`, a JWT middleware,
 * Express's built-in ETag (the default weak ETag on every `res.send`, with `req.fresh` → 304),
 * `express.json()` on the POST route with zod in the handler, `app.route(…).all(…)` → 405.
 * `x-powered-by` is disabled, as in any production setup. Unknown paths get Express's own 404
 * (an HTML "Cannot GET /missing" page from finalhandler).
 *
 *   PORT=3000 npx tsx bench/servers/express.ts
 */
import express, { type NextFunction, type Request, type Response } from 'express'
import {
  buildDocument,
  createItem,
  createRequestContext,
  createUserDb,
  HELLO,
  HELLO_ALLOW,
  ItemSchema,
  jwtKey,
  listenOptions,
  PATHS,
  type ProfileClaims,
  type RequestContext,
  readyLine,
  type UserDb,
  userResponse,
  verifyProfileToken,
} from '../scenarios.js'

const app = express()
app.disable('x-powered-by')
app.locals.db = createUserDb() as UserDb // application-scoped dependency
const jwt = await jwtKey() // HS256 key, from BENCH_JWT_SECRET, imported once

const methodNotAllowed = (allow: string) => (_req: Request, res: Response) => {
  res.status(405).set('allow', allow).json({ error: 'Method Not Allowed' })
}

// (1) hello
app
  .route(PATHS.hello)
  .get((_req, res) => {
    res.json(HELLO)
  })
  .all(methodNotAllowed(HELLO_ALLOW))

// (2) users: request-scoped context in res.locals
app.use(PATHS.users, (_req: Request, res: Response<unknown, { ctx: RequestContext }>, next: NextFunction) => {
  res.locals.ctx = createRequestContext()
  next()
})
app
  .route(`${PATHS.users}:id`)
  .get((req: Request<{ id: string }>, res: Response<unknown, { ctx: RequestContext }>) => {
    const db = req.app.locals.db as UserDb
    const user = db.get(req.params.id)
    if (!user) {
      res.status(404).json({ error: 'Not Found' })
      return
    }
    res.json(userResponse(user, res.locals.ctx))
  })
  .all(methodNotAllowed('GET, HEAD'))

// (3) profile: JWT middleware (Express 5 forwards rejected promises to the error handler)
async function requireJwt(
  req: Request,
  res: Response<unknown, { claims: ProfileClaims }>,
  next: NextFunction,
) {
  const claims = await verifyProfileToken(req.headers.authorization, jwt)
  if (!claims) {
    res.status(401).set('www-authenticate', 'Bearer').json({ error: 'Unauthorized' })
    return
  }
  res.locals.claims = claims
  next()
}
app
  .route(PATHS.profile)
  .get(requireJwt, (_req: Request, res: Response<unknown, { claims: ProfileClaims }>) => {
    res.json(res.locals.claims)
  })
  .all(methodNotAllowed('GET, HEAD'))

// (4) doc: Express computes the ETag of the body in res.send and answers 304 when req.fresh
app
  .route(PATHS.doc)
  .get((_req, res) => {
    res.type('application/json').send(buildDocument())
  })
  .all(methodNotAllowed('GET, HEAD'))

// (5) items: express.json() then zod
app
  .route(PATHS.items)
  .post(express.json({ limit: '100kb' }), (req, res) => {
    const parsed = ItemSchema.safeParse(req.body)
    if (!parsed.success) {
      res.status(400).json({ error: 'Invalid item', issues: parsed.error.issues })
      return
    }
    const item = createItem(parsed.data)
    res.status(201).location(`${PATHS.items}/${item.id}`).json(item)
  })
  .all(methodNotAllowed('POST'))

// (6) GET /missing → Express's own 404

const { port, host } = listenOptions()
const server = app.listen(port, host, () => {
  const address = server.address()
  console.log(readyLine(typeof address === 'object' && address ? address.port : port))
})
