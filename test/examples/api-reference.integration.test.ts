import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { readSwaggerUiAssets } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLE_DOORS, type OpenDoor, openDoor } from './support/doors.js'

// examples/api-reference.ts through every deployment path: a real socket and each Lambda front
// door. The browser side is test/browser/api-reference.integration.test.ts.
const DIST = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
const VERSION = (JSON.parse(readFileSync(join(DIST, 'package.json'), 'utf8')) as { version: string }).version
const FILES = `/docs/swagger-ui-${VERSION}`

describe.each(EXAMPLE_DOORS)('the API reference example via %s', (door) => {
  let open: OpenDoor
  beforeAll(async () => {
    open = await openDoor(door, async () => (await import('../../examples/api-reference.js')).app)
  })
  afterAll(() => open.close())
  const get = (path: string, headers: Record<string, string> = {}) =>
    open.fetch(`${open.url}${path}`, { headers })

  it('serves the page, which loads its files from this server, with its CSP', async () => {
    const page = await get('/docs')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'")
    const html = await page.text()
    expect(html).toContain('<title>HTTP features — API reference</title>')
    expect(html).toContain(`${FILES}/swagger-ui-bundle.js`)
  })

  it('sends the icon byte for byte (binary through every door) and the bundle with its version-keyed caching', async () => {
    const icon = await get(`${FILES}/favicon-32x32.png`)
    expect(icon.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await icon.arrayBuffer()).equals(readFileSync(join(DIST, 'favicon-32x32.png')))).toBe(
      true,
    )
    const bundle = await get(`${FILES}/swagger-ui-bundle.js`, { 'accept-encoding': 'identity' })
    expect(bundle.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect((await bundle.text()).length).toBe(readFileSync(join(DIST, 'swagger-ui-bundle.js'), 'utf8').length)
  })

  it('answers a revalidation with 304', async () => {
    const etag = (await get('/docs/initializer.js')).headers.get('etag') ?? ''
    const again = await get('/docs/initializer.js', { 'if-none-match': etag })
    expect([again.status, again.headers.get('etag')]).toEqual([304, etag])
  })

  it("keeps the page's routes out of the API's OpenAPI document", async () => {
    const document = (await (await get('/openapi.json')).json()) as { paths: Record<string, unknown> }
    expect(Object.keys(document.paths)).toContain('/documents/{id}')
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/docs'))).toEqual([])
  })
})

describe('reading swagger-ui-dist', () => {
  it('reads the installed version and files, as the package has them', () => {
    const assets = readSwaggerUiAssets()
    expect(assets.version).toBe(VERSION)
    expect(Buffer.from(assets.bundle).equals(readFileSync(join(DIST, 'swagger-ui-bundle.js')))).toBe(true)
  })

  it('names the install command when swagger-ui-dist cannot be found', () => {
    // Resolution from the file system's root finds no node_modules holding the package.
    expect(() => readSwaggerUiAssets('file:///nowhere.js')).toThrow(/npm install swagger-ui-dist/)
  })
})
