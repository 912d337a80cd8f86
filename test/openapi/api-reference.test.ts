import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigurationError, RestApplication } from '../../src/index.js'
import {
  API_REFERENCE_POLICY,
  type ApiReferenceOptions,
  type ReferenceApp,
  type SwaggerUiAssets,
  serveApiReferenceFrom,
  serveOpenApi,
} from '../../src/openapi/index.js'

// The installed swagger-ui-dist, read here independently of the code under test.
const DIST = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
const VERSION = (JSON.parse(readFileSync(join(DIST, 'package.json'), 'utf8')) as { version: string }).version
const FILES = `/docs/swagger-ui-${VERSION}`
// The files as restmachine/node's serveApiReference reads them (that reading is tested with the
// example, test/examples/api-reference.integration.test.ts: the unit project stays out of the adapter).
const ASSETS: SwaggerUiAssets = {
  version: VERSION,
  stylesheet: new Uint8Array(readFileSync(join(DIST, 'swagger-ui.css'))),
  bundle: new Uint8Array(readFileSync(join(DIST, 'swagger-ui-bundle.js'))),
  favicon: new Uint8Array(readFileSync(join(DIST, 'favicon-32x32.png'))),
}
const serveApiReference = (app: ReferenceApp, options?: ApiReferenceOptions) =>
  serveApiReferenceFrom(app, ASSETS, options)
const POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

function documentedApp(options: ConstructorParameters<typeof RestApplication>[0] = {}) {
  const app = new RestApplication(options)
  app.get('/hello', () => ({ hello: 'world' }))
  serveOpenApi(app, { title: 'Hello API', version: '1.0.0' })
  return app
}

const get = (app: RestApplication, path: string, headers: Record<string, string> = {}) =>
  app.fetch(new Request(`http://localhost${path}`, { headers }))

describe('serveApiReferenceFrom with the installed swagger-ui-dist', () => {
  const app = documentedApp()
  serveApiReference(app, { path: '/docs' })

  it('serves an HTML page that loads swagger-ui from this server only, with no inline code', async () => {
    const response = await get(app, '/docs', { accept: 'text/html' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const page = await response.text()
    expect(page).toContain(`<link rel="stylesheet" href="${FILES}/swagger-ui.css">`)
    expect(page).toContain(`<script src="${FILES}/swagger-ui-bundle.js"></script>`)
    expect(page).toContain('<script src="/docs/initializer.js"></script>')
    expect(page).not.toMatch(/<style|\sstyle=|\son[a-z]+=|https?:\/\//i)
    expect(page.match(/<script/g)).toHaveLength(2)
    expect(page.match(/<script src=/g)).toHaveLength(2)
  })

  it('sends the page with its strict CSP and the other security headers', async () => {
    const response = await get(app, '/docs')
    expect(response.headers.get('content-security-policy')).toBe(POLICY)
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    expect(Object.keys(API_REFERENCE_POLICY)).not.toContain('script-src-attr')
    expect(POLICY).not.toContain('unsafe')
  })

  it("starts swagger-ui on the app's document with the online validator off", async () => {
    const response = await get(app, '/docs/initializer.js')
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    const script = await response.text()
    expect(script).toContain('"url":"/openapi.json"')
    expect(script).toContain('"validatorUrl":null')
    expect(script).toContain('"queryConfigEnabled":false')
    expect(script).not.toMatch(/https?:\/\//)
  })

  it.each([
    ['swagger-ui.css', 'text/css; charset=utf-8'],
    ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
    ['favicon-32x32.png', 'image/png'],
  ])('serves %s from the installed package, byte for byte, as %s', async (name, type) => {
    const response = await get(app, `${FILES}/${name}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(type)
    const served = Buffer.from(await response.arrayBuffer())
    // Buffer#equals, not toEqual: a deep comparison of 1.7 MB byte by byte takes seconds.
    expect(served.equals(readFileSync(join(DIST, name)))).toBe(true)
  })

  it('lets browsers keep the versioned files for a year and revalidate the page and initializer', async () => {
    const bundle = await get(app, `${FILES}/swagger-ui-bundle.js`)
    expect(bundle.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    for (const path of ['/docs', '/docs/initializer.js']) {
      expect((await get(app, path)).headers.get('cache-control')).toBe('no-cache')
    }
  })

  it.each(['/docs', '/docs/initializer.js', `${FILES}/swagger-ui.css`])(
    'answers a conditional GET of %s with 304 through its strong ETag',
    async (path) => {
      const first = await get(app, path)
      const etag = first.headers.get('etag') ?? ''
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/) // strong: no W/
      const again = await get(app, path, { 'if-none-match': etag })
      expect(again.status).toBe(304)
      expect(again.headers.get('etag')).toBe(etag)
      expect(await again.text()).toBe('')
      const changed = await get(app, path, { 'if-none-match': '"something-else"' })
      expect(changed.status).toBe(200)
    },
  )

  it('gives each file its own ETag', async () => {
    const paths = [
      '/docs',
      '/docs/initializer.js',
      `${FILES}/swagger-ui.css`,
      `${FILES}/swagger-ui-bundle.js`,
    ]
    const tags = await Promise.all(paths.map(async (path) => (await get(app, path)).headers.get('etag')))
    expect(new Set(tags).size).toBe(paths.length)
  })

  it('compresses the text files for clients that ask', async () => {
    const response = await get(app, `${FILES}/swagger-ui-bundle.js`, { 'accept-encoding': 'gzip' })
    expect(response.headers.get('content-encoding')).toBe('gzip')
  })

  it('answers 404 for a file it does not have and 405 for a write', async () => {
    expect((await get(app, `${FILES}/swagger-initializer.js`)).status).toBe(404)
    expect((await get(app, '/docs/swagger-ui-4.0.0/swagger-ui.css')).status).toBe(404)
    const post = await app.fetch(new Request('http://localhost/docs', { method: 'POST' }))
    expect(post.status).toBe(405)
  })
})

describe('serveApiReference options', () => {
  it("keeps the page's own CSP on an application with security headers, adding the ones given", async () => {
    const app = documentedApp({ securityHeaders: { strictTransportSecurity: true } })
    serveApiReference(app, { securityHeaders: { strictTransportSecurity: true }, title: 'Docs <&>' })
    const page = await get(app, '/docs')
    expect(page.headers.get('content-security-policy')).toBe(POLICY)
    expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    expect(await page.text()).toContain('<title>Docs &lt;&amp;&gt;</title>')
    const api = await get(app, '/hello')
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'")
  })

  it('renders another document path when told', async () => {
    const app = new RestApplication()
    serveOpenApi(app, { title: 'Elsewhere', version: '1.0.0' }, '/api/spec.json')
    serveApiReference(app, { path: '/api/reference', document: '/api/spec.json' })
    expect(await (await get(app, '/api/reference/initializer.js')).text()).toContain('"url":"/api/spec.json"')
    expect((await get(app, `/api/reference/swagger-ui-${VERSION}/swagger-ui.css`)).status).toBe(200)
  })

  it.each([['docs'], ['/docs/'], ['/do cs'], ['/docs/{id}'], ['//docs']])(
    'refuses the path %j with a ConfigurationError',
    (path) => {
      expect(() => serveApiReference(new RestApplication(), { path })).toThrow(ConfigurationError)
    },
  )

  it('refuses a second reference on the same application', () => {
    const app = new RestApplication()
    serveApiReference(app)
    expect(() => serveApiReference(app, { path: '/reference' })).toThrow(ConfigurationError)
  })

  it('serves files handed in, for runtimes that cannot read node_modules', async () => {
    const app = new RestApplication()
    serveApiReferenceFrom(app, {
      version: '5.0.0',
      stylesheet: 'a{}',
      bundle: 'void 0',
      favicon: new Uint8Array([1]),
    })
    expect(await (await get(app, '/docs/swagger-ui-5.0.0/swagger-ui.css')).text()).toBe('a{}')
    expect(() =>
      serveApiReferenceFrom(new RestApplication(), {
        version: '5.0.0/../x',
        stylesheet: '',
        bundle: '',
        favicon: new Uint8Array(),
      }),
    ).toThrow(ConfigurationError)
  })
})

describe('the API reference in the OpenAPI document', () => {
  const paths = async (app: RestApplication) =>
    Object.keys(((await (await get(app, '/openapi.json')).json()) as { paths: object }).paths)

  it('is left out by default: the page and its files are not the API', async () => {
    const app = documentedApp()
    serveApiReference(app)
    expect(await paths(app)).toEqual(['/hello', '/openapi.json'])
  })

  it('is listed with documented: true', async () => {
    const app = documentedApp()
    serveApiReference(app, { documented: true })
    expect(await paths(app)).toEqual([
      '/hello',
      '/openapi.json',
      '/docs',
      '/docs/initializer.js',
      `${FILES}/swagger-ui.css`,
      `${FILES}/swagger-ui-bundle.js`,
      `${FILES}/favicon-32x32.png`,
    ])
  })
})
