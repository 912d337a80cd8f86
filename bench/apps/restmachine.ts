/**
 * RestMachine, written the way its guide says: a startup database and a request-scoped context
 * injected by name, the JWT check as the machine's `authorized` callback (B8 → 401), the user as a
 * `resourceExists` callback (G7 → 404), the document's ETag declared on the resource so the machine
 * answers 304 at K13 before the handler builds the body (and, on the compressed /doc, F7 picks the
 * coding from Accept-Encoding; the body is compressed as it is sent), and a zod schema as a
 * validator (→ 422).
 * 404 and 405 + Allow are the machine's own answers.
 *
 * The app only: `bench/servers/restmachine.ts` serves it over node:http; other transports (HTTP/2,
 * Bun.serve) serve the same app.
 */
import { created, RestApplication, RestResponse } from '../../src/index.js'
import {
  benchLogger,
  buildDocument,
  createItem,
  createRequestContext,
  createUserDb,
  DOCUMENT_VERSION,
  HELLO,
  ItemSchema,
  jwtKey,
  PATHS,
  userResponse,
  verifyProfileToken,
} from '../scenarios.js'

/** Builds the bench's RestMachine application (its routes and resources), ready to serve. */
export async function createRestMachineApp() {
  const jwt = await jwtKey() // HS256 key, from BENCH_JWT_SECRET, imported once

  // No logger, as in the guide's examples; the restmachine-pino variant passes one (its access log on).
  const logger = benchLogger()
  const app = new RestApplication(logger === undefined ? {} : { logger })
    .onStartup('db', () => createUserDb())
    .dependency('requestContext', () => createRequestContext())
    .resourceExists('user', ({ pathParams: { id }, db }) => (id === undefined ? null : db.get(id)))
    .authorized('claims', ({ headers }) => verifyProfileToken(headers.get('authorization'), jwt))
    .resourceExists('doc', () => ({ version: DOCUMENT_VERSION }), {
      etag: ({ doc }) => `"doc-v${doc.version}"`,
    })
    .validates('item', ItemSchema)

  // (1) hello; (6) DELETE /hello → 405 with Allow, GET /missing → 404
  app.get(PATHS.hello, () => HELLO)

  // (2) a path parameter, the startup database and a request-scoped dependency
  app.get(`${PATHS.users}{id}`, ({ user, requestContext }) => userResponse(user, requestContext))

  // (3) HS256 JWT verified at B8
  app.get(PATHS.profile, ({ claims }) => claims)

  // (4) the ETag is known before the body is built: If-None-Match → 304 without running this
  app.get(PATHS.doc, () => new RestResponse(200, { 'content-type': 'application/json' }, buildDocument()), {
    requires: ['doc'],
  })

  // (4) the same document, compressed with the coding Accept-Encoding prefers (route option only, so
  // the other scenarios plan F7 away and pay nothing for it)
  app.get(
    PATHS.docCompressed,
    () => new RestResponse(200, { 'content-type': 'application/json' }, buildDocument()),
    { requires: ['doc'], compression: true },
  )

  // (5) a zod-validated 1 KB JSON body
  app.post(PATHS.items, ({ item }) => {
    const stored = createItem(item)
    return created(stored, `${PATHS.items}/${stored.id}`)
  })

  return app
}
