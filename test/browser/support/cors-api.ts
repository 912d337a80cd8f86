/**
 * The API of the browser CORS tests, configured only with the framework's own `cors` options, and
 * the page site that calls it.
 */
import { html, RestApplication, renderHtml } from 'restmachine'

interface Document {
  id: string
  title: string
  version: number
}

/**
 * `/documents/{id}` (GET, PUT with `If-Match`, DELETE) open by the application's CORS settings to
 * `allowedOrigins` with credentials, for GET and PUT only, with `Content-Type` and `If-Match`,
 * exposing `ETag`; `/visits` (a cookie
 * set and read back by credentialed requests); `/public` open to `'*'` without credentials.
 * `handled` lists every request a handler ran for, so a test sees what never reached the API.
 *
 * @example
 * const { app, handled } = corsApi(['http://localhost:8001'])
 */
export function corsApi(allowedOrigins: readonly string[]) {
  const handled: string[] = []
  const documents = new Map<string, Document>([['1', { id: '1', title: 'First', version: 1 }]])
  const documentCors = {
    origins: allowedOrigins,
    credentials: true,
    methods: ['GET', 'HEAD', 'PUT'],
    allowHeaders: ['Content-Type', 'If-Match'],
    exposeHeaders: ['ETag'],
  }
  // The application's settings (not a route's): the preflight bug of issue 9 §5 lived there.
  const app = new RestApplication({ cors: documentCors })
    .resourceExists('document', ({ pathParams: { id } }) => (id === undefined ? null : documents.get(id)), {
      etag: ({ document }) => `"${document.id}-v${document.version}"`,
    })
    .dependency('title', ({ jsonBody }) => {
      const title = (jsonBody as { title?: unknown } | null)?.title
      return typeof title === 'string' ? title : 'Untitled'
    })

  app.get('/documents/{id}', ({ document }) => {
    handled.push(`GET /documents/${document.id}`)
    return document
  })
  app.put('/documents/{id}', ({ document, title }) => {
    handled.push(`PUT /documents/${document.id}`)
    const updated = { ...document, title, version: document.version + 1 }
    documents.set(document.id, updated)
    return updated
  })
  app.delete('/documents/{id}', ({ document }) => {
    handled.push(`DELETE /documents/${document.id}`)
    documents.delete(document.id)
  })

  const visitsCors = { origins: allowedOrigins, credentials: true }
  app.post(
    '/visits',
    ({ responseHeaders }) => {
      handled.push('POST /visits')
      responseHeaders.append('set-cookie', 'visitor=v1; HttpOnly; SameSite=Lax; Path=/')
      return { counted: true }
    },
    { cors: visitsCors },
  )
  app.get('/visits', ({ cookies }) => ({ visitor: cookies.visitor ?? null }), { cors: visitsCors })

  app.get('/public', () => ({ message: 'for everyone' }), { cors: { origins: '*' } })
  return { app, handled, documents }
}

/**
 * A site with one empty page, whose scripts the tests run.
 *
 * @example
 * await serve(pageSite(), { port: 0 })
 */
export function pageSite() {
  const app = new RestApplication()
  app.get('/', () => html`<!doctype html><title>Client</title><p>A page on another origin.</p>`, {
    provides: { 'text/html': renderHtml },
  })
  return app
}
