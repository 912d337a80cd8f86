/**
 * Peer: Fastify 5, written the way a Fastify user would: no logger, encapsulated plugins,
 * `decorate` for the startup database, `decorateRequest` + an `onRequest` hook for the
 * request-scoped dependency, a `preHandler` hook for the JWT, `@fastify/etag` (registered only
 * in the /doc context, so other routes don't pay for hashing), `@fastify/compress` with its defaults
 * (brotli quality 4, 1 KiB threshold) only in the compressed /doc context, schema-less routes with zod in
 * the handler. Fastify answers 404 for unknown paths itself; it also answers 404 (not 405) for a
 * known path with an unregistered method, so each route registers its other methods → 405.
 *
 * The app only: `bench/servers/fastify.ts` listens over node:http; other transports pass their
 * Fastify options (e.g. `http2: true`) to {@link createFastifyApp}.
 */

import type { Http2SecureServer } from 'node:http2'
import compress from '@fastify/compress'
import etag from '@fastify/etag'
import Fastify, {
  type FastifyBaseLogger,
  type FastifyHttp2SecureOptions,
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
  type HTTPMethods,
} from 'fastify'
import {
  benchLogger,
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

declare module 'fastify' {
  interface FastifyInstance {
    db: UserDb
  }
  interface FastifyRequest {
    ctx: RequestContext
    claims: ProfileClaims | null
  }
}

const ALL_METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/** Registers 405 for every method of `url` not in `allowed` (Fastify would otherwise say 404). */
function methodNotAllowed(app: FastifyInstance, url: string, allowed: HTTPMethods[]): void {
  const allow = allowed.join(', ')
  app.route({
    method: ALL_METHODS.filter((m) => !allowed.includes(m)),
    url,
    handler: async (_req, reply: FastifyReply) =>
      reply.code(405).header('allow', allow).send({ error: 'Method Not Allowed' }),
  })
}

/**
 * Builds the bench's Fastify app (its plugins and routes) on a Fastify instance made with
 * `options` plus the logger choice; the caller listens.
 */
export async function createFastifyApp(
  given: FastifyServerOptions | FastifyHttp2SecureOptions<Http2SecureServer> = {},
): Promise<FastifyInstance> {
  // The HTTP/2 options (`http2: true`, `https`) reach Fastify unchanged; the type is widened to the
  // node:http instance's only so that the routes below are declared once for every transport.
  const options = given as FastifyServerOptions
  // No logger, as Fastify starts; the fastify-pino variant passes one (Fastify then logs each request).
  const logger = benchLogger()
  // (pino's Logger widened to the logger type Fastify's instance is declared with)
  const app =
    logger === undefined
      ? Fastify({ ...options, logger: false })
      : Fastify({ ...options, loggerInstance: logger as FastifyBaseLogger })
  const jwt = await jwtKey() // HS256 key, from BENCH_JWT_SECRET, imported once

  app.decorate('db', createUserDb()) // application-scoped dependency

  // (1) hello (+ 405 for the other methods, scenario 6)
  app.get(PATHS.hello, async () => HELLO)
  methodNotAllowed(app, PATHS.hello, HELLO_ALLOW.split(', ') as HTTPMethods[])

  // (2) users: path parameter, startup db, request-scoped context
  app.register(async (users) => {
    users.decorateRequest('ctx', null as unknown as RequestContext)
    users.addHook('onRequest', async (req) => {
      req.ctx = createRequestContext()
    })
    users.get<{ Params: { id: string } }>(`${PATHS.users}:id`, async function (req, reply) {
      const user = this.db.get(req.params.id)
      if (!user) return reply.code(404).send({ error: 'Not Found' })
      return userResponse(user, req.ctx)
    })
    methodNotAllowed(users, `${PATHS.users}:id`, ['GET', 'HEAD'])
  })

  // (3) profile: JWT checked in a preHandler hook
  app.register(async (profile) => {
    profile.decorateRequest('claims', null)
    profile.addHook('preHandler', async (req, reply) => {
      req.claims = await verifyProfileToken(req.headers.authorization, jwt)
      if (!req.claims)
        return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'Unauthorized' })
    })
    profile.get(PATHS.profile, async (req) => req.claims)
    methodNotAllowed(profile, PATHS.profile, ['GET', 'HEAD'])
  })

  // (4) doc: @fastify/etag hashes the payload and answers 304 on If-None-Match
  app.register(async (doc) => {
    await doc.register(etag)
    doc.get(PATHS.doc, async (_req, reply) =>
      reply.type('application/json; charset=utf-8').send(buildDocument()),
    )
    methodNotAllowed(doc, PATHS.doc, ['GET', 'HEAD'])
  })

  // (4) the same document compressed: @fastify/etag hashes the identity payload, then
  // @fastify/compress negotiates Accept-Encoding and compresses it (registered in that order)
  app.register(async (doc) => {
    await doc.register(etag)
    await doc.register(compress)
    doc.get(PATHS.docCompressed, async (_req, reply) =>
      reply.type('application/json; charset=utf-8').send(buildDocument()),
    )
    methodNotAllowed(doc, PATHS.docCompressed, ['GET', 'HEAD'])
  })

  // (5) items: Fastify parses JSON, zod validates in the handler
  app.post(PATHS.items, async (req, reply) => {
    const parsed = ItemSchema.safeParse(req.body)
    if (!parsed.success) return reply.code(400).send({ error: 'Invalid item', issues: parsed.error.issues })
    const item = createItem(parsed.data)
    return reply.code(201).header('location', `${PATHS.items}/${item.id}`).send(item)
  })
  methodNotAllowed(app, PATHS.items, ['POST'])

  // (6) GET /missing → Fastify's own 404
  return app
}
