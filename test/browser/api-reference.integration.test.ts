import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './support/chromium.js'

// The http-features example with its API reference at /docs (examples/api-reference.ts), served on
// a real socket and opened in headless Chromium. The page must render every operation of the
// document the server serves, "try it" must reach this server, and nothing may load from anywhere
// else or break the page's Content-Security-Policy.

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts')
const SCREENSHOT = join(ARTIFACTS, 'api-reference.png')
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost'])

interface Operation {
  readonly method: string
  readonly path: string
  readonly operationId: string
  readonly tag: string
}

type OpenApiPaths = Record<string, Record<string, { operationId: string; tags?: string[] }>>

function operationsOf(document: { paths: OpenApiPaths }): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) =>
        ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(method),
      )
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
        tag: operation.tags?.[0] ?? 'default',
      })),
  )
}

/** What the page shows as its operations: method and path of every `.opblock`. */
function shownOperations(page: Page): Promise<string[]> {
  return page.$$eval('.opblock', (blocks) =>
    blocks.map((block) => {
      const method = block.querySelector('.opblock-summary-method')?.textContent ?? '?'
      const path = block.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '?'
      return `${method.toUpperCase()} ${path}`
    }),
  )
}

describe('the API reference page in headless Chromium', { timeout: 90_000 }, () => {
  let browser: Browser | undefined
  let server: RunningServer
  let base = ''
  const seen: string[] = [] // every request the server received, as "METHOD /path"
  const foreign: string[] = [] // every request the page tried to send elsewhere
  let page: Page
  const consoleLines: string[] = [] // what the page's console showed
  let operations: Operation[]

  beforeAll(async () => {
    const { app } = await import('../../examples/api-reference.js')
    server = await serve(app, { port: 0, hostname: '127.0.0.1', handleSignals: false })
    server.server.on('request', (request: { method?: string; url?: string }) => {
      seen.push(`${request.method} ${request.url}`)
    })
    base = `http://127.0.0.1:${server.port}`
    operations = operationsOf(await (await fetch(`${base}/openapi.json`)).json())
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    // Any request to another origin fails the test (and is refused, so nothing leaves the machine).
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url())
      if (url.protocol === 'data:' || LOCAL_HOSTS.has(url.hostname)) return route.continue()
      foreign.push(route.request().url())
      return route.abort('blockedbyclient')
    })
    // CSP violations as the page's own event (the console reports them too): run before any script,
    // outside the page's CSP.
    await context.addInitScript(() => {
      const violations: string[] = []
      ;(window as unknown as { cspViolations: string[] }).cspViolations = violations
      document.addEventListener('securitypolicyviolation', (event) =>
        violations.push(`${event.violatedDirective} ${event.blockedURI}`),
      )
    })
    page = await context.newPage()
    // swagger-ui's 1.7 MB bundle takes seconds to evaluate on a busy two-core machine.
    page.setDefaultTimeout(30_000)
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`))
    page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`))
    const response = await page.goto(`${base}/docs`)
    expect(response?.status()).toBe(200)
    await page.waitForSelector('.opblock')
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const violations = () =>
    page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)

  it('renders every operation of the OpenAPI document the server serves', async () => {
    expect(operations.length).toBeGreaterThan(10)
    const shown = await shownOperations(page)
    const expected = operations.map(({ method, path }) => `${method} ${path}`)
    expect([...shown].sort()).toEqual([...expected].sort())
    expect(await page.textContent('.info .title')).toContain('HTTP features')
  })

  it('"Try it out" → "Execute" on GET /documents/{id} shows the answer of this server', async () => {
    // A document only this run's server knows, so the page cannot show it from anywhere else.
    const title = `Written by the test ${Date.now()}`
    const created = await fetch(`${base}/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
    })
    expect(created.status).toBe(201)
    const id = ((await created.json()) as { id: string }).id
    const read = operations.find(
      (operation) => operation.method === 'GET' && operation.path === '/documents/{id}',
    )
    if (read === undefined) throw new Error('GET /documents/{id} is not in the document')
    const block = page.locator(`#operations-${read.tag}-${read.operationId}`)
    await block.locator('.opblock-summary-control').click()
    await block.getByRole('button', { name: 'Try it out' }).click()
    await block.locator('tr[data-param-name="id"] input').fill(id)
    const before = seen.length
    await block.getByRole('button', { name: 'Execute' }).click()
    const body = block.locator('.live-responses-table tbody .response-col_description pre').first()
    await expect.poll(() => body.textContent(), { timeout: 10_000 }).toContain(title)
    expect(
      await block.locator('.live-responses-table tbody .response-col_status').first().textContent(),
    ).toContain('200')
    expect(seen.slice(before)).toContain(`GET /documents/${id}`)
    await block.scrollIntoViewIfNeeded()
    mkdirSync(ARTIFACTS, { recursive: true })
    await page.screenshot({ path: SCREENSHOT, fullPage: true })
  })

  it('loads nothing from another origin and breaks no rule of its Content-Security-Policy', async () => {
    expect(foreign).toEqual([])
    expect(await violations()).toEqual([])
    expect(
      consoleLines.filter((message) => /Content Security Policy|Refused to|pageerror/i.test(message)),
    ).toEqual([])
    // The page and its files came from this server, swagger-ui's under its version.
    expect(seen).toEqual(
      expect.arrayContaining([
        'GET /docs',
        'GET /docs/initializer.js',
        'GET /openapi.json',
        expect.stringMatching(/^GET \/docs\/swagger-ui-5\.\d+\.\d+\/swagger-ui-bundle\.js$/),
        expect.stringMatching(/^GET \/docs\/swagger-ui-5\.\d+\.\d+\/swagger-ui\.css$/),
      ]),
    )
  })
})
