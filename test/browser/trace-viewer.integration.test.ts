import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../examples/ops/trace-viewer.js'
import { launchChromium, openPage } from './support/chromium.js'

// Headless Chromium opens the trace viewer of examples/ops/trace-viewer.ts over a real socket, after
// the test made three requests with fetch; for each, it clicks the request and reads what the page
// highlighted from the DOM, compared with the response's own X-Restmachine-Trace. The screenshots are
// kept in test/artifacts/ (ignored by git; CI uploads them).

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts')
const JSON_PUT = { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"item":"coffee"}' }

interface Made {
  readonly status: number
  readonly trace: string[]
  /** The last node, the answer it gave, and a dependency it resolved with at least this many ms. */
  readonly last: { node: string; answer: 'yes' | 'no' }
  readonly slow?: { node: string; dependency: string; atLeastMs: number }
}

const nodesOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-node')))

describe('the trace viewer in headless Chromium', { timeout: 60_000 }, () => {
  let browser: Browser | undefined
  let server: RunningServer
  let context: BrowserContext

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    server = await serve(createApp(), { port: 0, handleSignals: false })
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
  }, 45_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('highlights, for a 401, a 304 and a 201, the nodes each response’s X-Restmachine-Trace names', async () => {
    const base = server.url
    const made: Made[] = []
    const record = async (response: Response, rest: Omit<Made, 'status' | 'trace'>) => {
      made.push({
        status: response.status,
        trace: (response.headers.get('x-restmachine-trace') ?? '').split(','),
        ...rest,
      })
    }
    await record(await fetch(`${base}/orders/2`, JSON_PUT), { last: { node: 'B8', answer: 'no' } })
    await record(await fetch(`${base}/orders/1`, { headers: { 'if-none-match': '"4"' } }), {
      last: { node: 'J18', answer: 'yes' },
      slow: { node: 'G7', dependency: 'order', atLeastMs: 10 },
    })
    await record(
      await fetch(`${base}/orders/2`, {
        ...JSON_PUT,
        headers: { ...JSON_PUT.headers, authorization: 'Bearer clerk' },
      }),
      { last: { node: 'P11', answer: 'yes' }, slow: { node: 'G7', dependency: 'order', atLeastMs: 10 } },
    )
    expect(made.map((request) => request.status)).toEqual([401, 304, 201])

    const requested: string[] = []
    context.on('request', (request) => requested.push(request.url()))
    const watched = await openPage(context, `${base}/_restmachine`)
    const view = watched.page
    const buttons = view.locator('button.request')
    await buttons.nth(2).waitFor()
    expect(await buttons.count()).toBe(3) // the viewer's own page and JSON are not recorded

    for (const request of made) {
      const button = buttons.filter({
        has: view.locator('.status', { hasText: new RegExp(`^${request.status}$`) }),
      })
      await button.click()
      expect(await button.getAttribute('aria-pressed')).toBe('true')
      // Every node the header names is highlighted in the diagram, and no other.
      expect((await nodesOf(view, '#diagram g.node.walked')).sort()).toEqual([...request.trace].sort())
      // The details list them in the order walked: the header's order.
      expect(await nodesOf(view, '#steps li.step[data-node]')).toEqual(request.trace)
      // The last node shows its answer, and the terminal it led to shows the response's status.
      const last = view.locator(`#diagram g.node[data-node="${request.last.node}"]`)
      expect(await last.getAttribute('class')).toContain(`answer-${request.last.answer}`)
      expect(await last.locator('text.answer').textContent()).toBe(request.last.answer)
      const reached = view.locator('#diagram g.terminal.reached')
      expect(await reached.count()).toBe(1)
      expect(await reached.getAttribute('data-terminal')).toBe(`S${request.status}`)
      expect(await reached.locator('text.status').textContent()).toBe(`→ ${request.status}`)
      if (request.slow !== undefined) {
        const timing = view.locator(
          `#steps li[data-node="${request.slow.node}"] li[data-dependency="${request.slow.dependency}"] .timing`,
        )
        expect(Number.parseFloat((await timing.textContent()) ?? '')).toBeGreaterThanOrEqual(
          request.slow.atLeastMs,
        )
      }
      await view.screenshot({ path: join(ARTIFACTS, `trace-viewer-${request.status}.png`), fullPage: true })
    }
    // The page ran under its Content-Security-Policy (a blocked inline script or style is a console
    // error) and asked nothing of any other origin.
    expect(watched.console.filter((message) => message.startsWith('error'))).toEqual([])
    expect(requested.filter((url) => !url.startsWith(`${base}/_restmachine`))).toEqual([])
  })
})
