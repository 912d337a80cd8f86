/**
 * The "HTTP features" demo (shared/specs/http-features.md): documents with conditional requests,
 * content negotiation, byte ranges and CORS — all answered by the decision machine from a few facts
 * (an ETag, a Last-Modified time, the media types a route produces). No HTTP logic lives here.
 *
 * This module only defines `app` and imports nothing from `node:`, so the same file runs on every
 * runtime: examples/http-features.ts serves it on Node, examples/runtimes/ on Bun, Deno and
 * Workers, examples/lambda.ts on AWS Lambda (docs/deploy.md).
 */
import {
  type CorsOptions,
  created,
  html,
  RestApplication,
  renderCsv,
  renderHtml,
  renderJson,
} from 'restmachine'
import { z } from 'zod'

/** Every write stamps this instant, so the demo's clock is reproducible. */
const WRITE_TIME = '2024-06-01T00:00:00Z'

interface Document {
  id: string
  title: string
  body: string
  version: number
  updated: string
}

/** POST/PUT input: `title` 1–200 characters, optional `body`; other members are ignored. */
const DocumentInput = z.object({ title: z.string().min(1).max(200), body: z.string().default('') })

/** The in-memory store, reset to the seed on every start. */
function createStore() {
  const documents = new Map<string, Document>(
    [
      { id: '1', title: 'First', body: 'Hello', version: 1, updated: '2024-01-01T00:00:00Z' },
      { id: '2', title: 'Second', body: 'World', version: 3, updated: '2024-02-01T12:00:00Z' },
      { id: '3', title: 'Third', body: '', version: 1, updated: '2024-03-15T08:30:00Z' },
    ].map((document) => [document.id, document]),
  )
  let largestId = 3
  const remember = (id: string) => {
    if (/^\d+$/.test(id)) largestId = Math.max(largestId, Number(id))
  }
  return {
    documents,
    create(input: { title: string; body: string }): Document {
      const id = String(largestId + 1)
      remember(id)
      const document = { id, ...input, version: 1, updated: WRITE_TIME }
      documents.set(id, document)
      return document
    },
    replace(id: string, input: { title: string; body: string }, previous: Document | undefined): Document {
      remember(id)
      const document = { id, ...input, version: (previous?.version ?? 0) + 1, updated: WRITE_TIME }
      documents.set(id, document)
      return document
    },
  }
}

/** `/files/sample.txt`: 1000 bytes, lines `line:0000\n` … `line:0099\n`. */
const FILES = new Map([
  [
    'sample.txt',
    {
      content: Array.from({ length: 100 }, (_, i) => `line:${String(i).padStart(4, '0')}\n`).join(''),
      etag: '"sample-v1"',
      lastModified: '2024-01-01T00:00:00Z',
    },
  ],
])

/** Only `/documents/{id}` is open to `https://example.com`. */
const documentCors: CorsOptions = {
  origins: ['https://example.com'],
  methods: ['GET', 'HEAD', 'PUT', 'DELETE'],
  allowHeaders: ['Content-Type', 'If-Match', 'If-None-Match'],
  exposeHeaders: ['ETag', 'Location', 'Last-Modified'],
  maxAge: 600,
}

export const app = new RestApplication({ provides: 'application/json' })
  .onStartup('store', () => createStore())
  .resourceExists('document', ({ pathParams, store }) => store.documents.get(pathParams.id), {
    etag: ({ document }) => `"${document.id}-v${document.version}"`,
    lastModified: ({ document }) => document.updated,
  })
  .resourceExists('file', ({ pathParams }) => FILES.get(pathParams.name), {
    etag: ({ file }) => file.etag,
    lastModified: ({ file }) => file.lastModified,
  })
  .validates('documentInput', DocumentInput)

app.get('/documents', ({ store }) => [...store.documents.values()])

app.post('/documents', ({ store, documentInput }) => {
  const document = store.create(documentInput)
  return created(document, `/documents/${document.id}`)
})

app.get('/documents/{id}', ({ document }) => document, { cors: documentCors })

app.put(
  '/documents/{id}',
  ({ id, document, documentInput, store }) => store.replace(id, documentInput, document),
  {
    creates: 'document',
    cors: documentCors,
  },
)

app.delete('/documents/{id}', ({ document, store }) => void store.documents.delete(document.id), {
  cors: documentCors,
})

app.get('/report', ({ store }) => ({ title: 'Document report', count: store.documents.size }), {
  provides: {
    'application/json': renderJson,
    'text/html': (report, info) =>
      renderHtml(
        html`<!doctype html><title>Report</title><h1>${(report as { title: string }).title}</h1>`,
        info,
      ),
    'text/csv': (_, { context }) =>
      renderCsvRows([...(context.store as ReturnType<typeof createStore>).documents.values()]),
  },
})

app.get('/files/{name}', ({ file }) => file.content, { provides: 'text/plain', ranges: true })

app.get('/boom', () => {
  throw new Error('kaboom-secret-detail')
})

function renderCsvRows(documents: readonly Document[]): string {
  const rows = documents.map(({ id, title, version }) => ({ id, title, version }))
  return renderCsv(rows, { mediaType: 'text/csv', context: {} }) as string
}
