// Static files (docs/static-files.md): a site from a directory beside an API. Run it with
// `npx tsx examples/ops/static-files.ts` (it serves examples/ops/public, or STATIC_ROOT) and try
//   curl -si localhost:8000/                                    → index.html, ETag, Cache-Control: no-cache
//   curl -sI localhost:8000/js/app.3f9a1c2b.js                  → Cache-Control: public, max-age=31536000, immutable
//   curl -sI -H 'If-None-Match: <the ETag>' localhost:8000/     → 304, from the file's stat, before it is opened
//   curl -s -H 'Range: bytes=0-14' localhost:8000/css/site.css  → 206, the first 15 bytes
//   curl -si --path-as-is localhost:8000/../../etc/passwd       → 404
//   curl -s localhost:8000/api/health                           → {"ok":true}
// Precompressed siblings: `gzip -k public/css/site.css` (or `brotli -k`) and ask with
// `-H 'Accept-Encoding: gzip'`. Tested in test/examples/ops-static-files.integration.test.ts.
import { fileURLToPath, pathToFileURL } from 'node:url'
import { RestApplication } from 'restmachine'
import { serve, serveStatic } from 'restmachine/node'

/** The example application: an API route and, for every other path, the files under `root`. */
export function createApp(root: string): RestApplication {
  const app = new RestApplication()
  app.get('/api/health', () => ({ ok: true }))
  // The routes the router matches first win: /api/health is static, the files are the catch-all.
  serveStatic(app, '/', {
    root,
    // Pairs tried in order on the file's path; the default already makes hashed names immutable.
    cacheControl: [
      [/\.[0-9a-f]{8}\.(?:js|css)$/, 'public, max-age=31536000, immutable'],
      [/\.html$|\/$/, 'no-cache'],
      [/./, 'public, max-age=3600'],
    ],
  })
  return app
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = process.env.STATIC_ROOT ?? fileURLToPath(new URL('./public', import.meta.url))
  const server = await serve(createApp(root), { port: Number(process.env.PORT ?? 8000) })
  console.log(`static files example on ${server.url}`)
}
