// Composing an application (docs/composing.md): a versioned API mounted under /api/v1 with its own
// dependencies and error handler, an organisation's repositories mounted under /orgs/{org} (typed
// `org`), an admin route group sharing a check and tags, default headers on every response, and
// errors written in the type Accept asks for. Run it with `npx tsx examples/ops/composing.ts` and try
//   curl -s localhost:8000/api/v1/notes/1                     → {"id":"1","text":"Buy milk"}
//   curl -s localhost:8000/api/v1/notes/9                     → {"code":"not_found",…} (the API's error handler)
//   curl -si -X DELETE localhost:8000/api/v1/notes            → 405, Allow: GET, HEAD, OPTIONS, POST
//   curl -s localhost:8000/orgs/acme/repos                    → ["acme/site","acme/tools"]
//   curl -s -H 'Accept: text/html' localhost:8000/missing     → an HTML 404 page
//   curl -s -H 'Accept: application/problem+json' localhost:8000/admin/stats → RFC 9457 401
//   curl -s localhost:8000/openapi.json | jq '.paths | keys'  → the mounted paths with their prefix
// Tested in test/examples/ops-composing.integration.test.ts.
import { pathToFileURL } from 'node:url'
import { NotFound, RestApplication } from 'restmachine'
import { serve } from 'restmachine/node'
import { z } from 'zod'

interface Note {
  readonly id: string
  readonly text: string
}

/** The root application's startup value, which every mounted application sees, typed. */
function openStore() {
  const notes = new Map<string, Note>([['1', { id: '1', text: 'Buy milk' }]])
  const repos = new Map([['acme', ['acme/site', 'acme/tools']]])
  return { notes, repos }
}

/** The example application: the root, with an API, the organisations and an admin group. */
export function createApp() {
  const app = new RestApplication({
    // Every response, errors included, gets these unless it has them already.
    defaultHeaders: { 'x-api-version': '1' },
  })
    .onStartup('store', openStore)
    .authorized('operator', ({ headers }) => headers.get('authorization') === 'Bearer ops-token' || null)

  // A sub-application built by the root: it starts typed with the root's startup values (`store`).
  // Its dependencies, validators and error handler are its own, for its routes only.
  app.mount('/api/v1', (api) =>
    api
      .validates('noteInput', z.object({ text: z.string().min(1).max(200) }))
      .resourceExists('note', ({ pathParams, store }) => store.notes.get(pathParams.id ?? ''))
      .errorHandler(404, ({ message }) => ({ code: 'not_found', message }))
      .get('/notes/{id}', ({ note }) => note)
      .get('/notes', ({ store }) => [...store.notes.values()])
      .post('/notes', ({ noteInput, store }) => {
        const note = { id: String(store.notes.size + 1), text: noteInput.text }
        store.notes.set(note.id, note)
        return note
      }),
  )

  // The prefix's parameter is typed in the mounted handlers as well.
  app.mount('/orgs/{org}', (orgs) =>
    orgs.get('/repos', ({ org, store }) => {
      const repos = store.repos.get(org)
      if (repos === undefined) throw new NotFound(`No organisation '${org}'`)
      return repos
    }),
  )

  // A route group: the root's own dependencies, with a shared check, CORS for the console's origin,
  // security headers and tags.
  const admin = {
    prefix: '/admin',
    requires: ['operator'],
    cors: { origins: ['https://console.example.org'], allowHeaders: ['authorization'] },
    securityHeaders: true,
    tags: ['admin'],
  } as const
  app.group(admin, (group) => {
    group.get('/stats', ({ store }) => ({ notes: store.notes.size }))
    group.delete('/notes/{id}', ({ id, store }) => {
      store.notes.delete(id)
    })
  })

  app.get('/openapi.json', () => app.openapi({ title: 'Composed API', version: '1.0.0' }))
  return app
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await serve(createApp(), { port: Number(process.env.PORT ?? 8000) })
  console.log(`composing example on ${server.url}`)
}
