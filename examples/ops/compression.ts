// Response compression (docs/compression.md): on for the application, off for one route, tuned for
// another. Run it with `npx tsx examples/ops/compression.ts` and try
//   curl -sI -H 'Accept-Encoding: br, gzip' localhost:8000/articles     → Content-Encoding: br, ETag "articles-v3-br"
//   curl -s --compressed localhost:8000/articles | head -c 80            → the JSON, decompressed by curl
//   curl -sI -H 'If-None-Match: "articles-v3-br"' -H 'Accept-Encoding: br' localhost:8000/articles → 304
//   curl -si -H 'Accept-Encoding: identity;q=0' localhost:8000/articles → 406 (identity refused, no coding named)
// Tested in test/examples/ops-compression.integration.test.ts.
import { pathToFileURL } from 'node:url'
import { RestApplication, respond } from 'restmachine'
import { serve } from 'restmachine/node'

const articles = Array.from({ length: 60 }, (_, i) => ({
  id: i + 1,
  title: `Article ${i + 1}`,
  summary: 'Compression pays for text: JSON like this shrinks to a fraction of its size.',
}))

/** The example application: every route compresses unless it says otherwise. */
export function createApp(): RestApplication {
  // `true` takes the defaults: br, zstd (where node:zlib has it), gzip; text-like types; ≥ 1 KiB.
  const app = new RestApplication({ compression: true }).resourceExists('catalogue', () => ({ articles }), {
    // The resource's ETag is the identity form's; a compressed response carries "articles-v3-br".
    etag: () => '"articles-v3"',
  })

  app.get('/articles', ({ catalogue }) => catalogue.articles)

  // Already compressed media gains nothing: the default `compressible` skips image/png anyway, and
  // a route can turn compression off outright.
  app.get('/logo.png', () => respond(new Uint8Array(2048), { headers: { 'content-type': 'image/png' } }), {
    compression: false,
  })

  // A route's own settings: gzip only (say, for old clients), from 256 bytes on.
  app.get('/report.csv', () => respond(csvReport(), { headers: { 'content-type': 'text/csv' } }), {
    compression: { encodings: ['gzip'], threshold: 256 },
  })
  return app
}

function csvReport(): string {
  return ['id,title', ...articles.map((article) => `${article.id},${article.title}`)].join('\n')
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await serve(createApp(), { port: Number(process.env.PORT ?? 8000) })
  console.log(`compression example on ${server.url}`)
}
