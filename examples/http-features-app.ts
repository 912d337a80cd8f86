/**
 * The "HTTP features" demo (shared/specs/http-features.md): documents with conditional requests,
 * content negotiation, byte ranges and CORS — all answered by the decision machine from a few facts
 * (an ETag, a Last-Modified time, the media types a route produces). No HTTP logic lives here.
 *
 * This module only defines `app` and imports nothing from `node:`, so the same file runs on every
 * runtime: examples/http-features.ts serves it on Node, examples/runtimes/ on Bun, Deno and
 * Workers, examples/lambda.ts on AWS Lambda (docs/deploy.md). Its OpenAPI document is at
 * /openapi.json.
 */
import {
  type CorsOptions,
  created,
  html,
  type OpenApiInfo,
  RestApplication,
  renderCsv,
  renderHtml,
  renderJson,
  serveOpenApi,
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
const DocumentInput = z
  .object({ title: z.string().min(1).max(200), body: z.string().default('') })
  .meta({ description: 'A new or replacing document.' })

/** What the API answers for a document (documented in OpenAPI; handlers return plain objects). */
const DocumentSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    version: z.int().min(1).meta({ description: 'Incremented by every write; part of the ETag.' }),
    updated: z.iso.datetime().meta({ description: 'The Last-Modified time.' }),
  })
  .meta({ title: 'Document', description: 'A stored document.' })

/** The OpenAPI document's info and tags (served at /openapi.json). */
const OPENAPI: OpenApiInfo = {
  title: 'HTTP features',
  version: '1.0.0',
  description:
    'Documents with conditional requests (ETag, Last-Modified), content negotiation, byte ranges and CORS, all answered by the decision machine.',
  license: { name: 'MIT', identifier: 'MIT' },
  contact: { name: 'RestMachine examples', email: 'examples@example.org' },
  tags: [
    { name: 'documents', description: 'Stored documents: conditional reads and writes, creation by PUT.' },
    { name: 'report', description: 'A summary of the documents in JSON, HTML or CSV.' },
    { name: 'files', description: 'Static text files served with byte ranges.' },
    { name: 'diagnostics', description: 'Endpoints that show how failures are answered.' },
    { name: 'openapi', description: 'This document.' },
  ],
}

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
  .resourceExists(
    'document',
    ({ pathParams: { id }, store }) => (id === undefined ? null : store.documents.get(id)),
    {
      // An entity-tag holds visible ASCII without DQUOTE (RFC 9110 §8.8.3); ids come decoded from
      // the path and may hold any character, so they are percent-encoded into it.
      etag: ({ document }) => `"${encodeURIComponent(document.id)}-v${document.version}"`,
      lastModified: ({ document }) => document.updated,
    },
  )
  .resourceExists('file', ({ pathParams: { name } }) => (name === undefined ? null : FILES.get(name)), {
    etag: ({ file }) => file.etag,
    lastModified: ({ file }) => file.lastModified,
  })
  .validates('documentInput', DocumentInput)

  .get('/documents', ({ store }) => [...store.documents.values()], {
    openapi: {
      summary: 'List documents',
      description: 'Every stored document, in creation order.',
      responses: { 200: { schema: z.array(DocumentSchema).meta({ title: 'Documents' }) } },
    },
  })
  .post(
    '/documents',
    ({ store, documentInput }) => {
      const document = store.create(documentInput)
      return created(document, `/documents/${document.id}`)
    },
    {
      requires: ['documentInput'], // the handler's input, named so the typed client knows the body
      openapi: {
        summary: 'Create a document',
        description: 'Stores a new document under the next free id; `Location` names it.',
        responses: { 201: { schema: DocumentSchema } },
      },
    },
  )
  .get('/documents/{id}', ({ document }) => document, {
    cors: documentCors,
    openapi: {
      summary: 'Read a document',
      description:
        'One document, with its `ETag` and `Last-Modified`; `If-None-Match` or `If-Modified-Since` turn an unchanged one into a 304.',
      responses: { 200: { schema: DocumentSchema } },
    },
  })
  .put(
    '/documents/{id}',
    ({ id, document, documentInput, store }) => store.replace(id, documentInput, document),
    {
      creates: 'document',
      requires: ['documentInput'],
      cors: documentCors,
      openapi: {
        summary: 'Create or replace a document',
        description:
          'Replaces the document (200), or creates it under this id (201); `If-Match` makes the write conditional.',
        responses: { 200: { schema: DocumentSchema }, 201: { schema: DocumentSchema } },
      },
    },
  )
  .delete('/documents/{id}', ({ document, store }) => void store.documents.delete(document.id), {
    cors: documentCors,
    openapi: {
      summary: 'Delete a document',
      description: 'Removes the document; `If-Match` makes it conditional.',
    },
  })
  .get('/report', ({ store }) => ({ title: 'Document report', count: store.documents.size }), {
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
    openapi: {
      summary: 'Report on the documents',
      description: 'A title and the number of documents as JSON or HTML, or the documents as CSV rows.',
      responses: {
        200: { schema: z.object({ title: z.string(), count: z.int() }).meta({ title: 'Report' }) },
      },
    },
  })
  .get('/files/{name}', ({ file }) => file.content, {
    provides: 'text/plain',
    ranges: true,
    openapi: {
      summary: 'Read a file',
      description: 'The file as text; `Range: bytes=…` asks for parts of it (206).',
    },
  })
  .get(
    '/boom',
    () => {
      throw new Error('kaboom-secret-detail')
    },
    {
      openapi: {
        summary: 'Fail on purpose',
        description: "Always throws: the answer is a 500 whose body never carries the error's message.",
        tags: ['diagnostics'],
      },
    },
  )

serveOpenApi(app, OPENAPI)

function renderCsvRows(documents: readonly Document[]): string {
  const rows = documents.map(({ id, title, version }) => ({ id, title, version }))
  return renderCsv(rows, { mediaType: 'text/csv', context: {} }) as string
}
