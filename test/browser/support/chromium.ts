/**
 * Headless Chromium for the browser tests: Debian's `chromium` driven by playwright-core, plus
 * helpers that run `fetch` inside a page and collect what the page's console reports.
 */
import { existsSync } from 'node:fs'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'

/** The browser binary: Debian's package (`.ci/run` installs it), or `CHROMIUM_PATH`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// Without the background-networking flags Chromium keeps dialling Google services, which a closed
// network refuses; QUIC and the GPU are of no use to a test.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** How long any one browser step may take before the test fails instead of hanging. */
export const STEP_TIMEOUT_MS = 10_000

/**
 * Starts headless Chromium; fails with the fix when the binary is missing.
 *
 * @example
 * const browser = await launchChromium()
 * try { … } finally { await browser.close() }
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install chromium (as .ci/run does)`)
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, timeout: 30_000 })
}

/** A page and every console message it has shown so far (`type: text`). */
export interface WatchedPage {
  readonly page: Page
  readonly console: string[]
}

/**
 * Opens `url` in a new page of `context` and records its console messages — where Chromium
 * reports why it blocked a request (CORS, mixed content, cookies).
 *
 * @example
 * const { page, console } = await openPage(context, 'http://127.0.0.1:8001/')
 */
export async function openPage(context: BrowserContext, url: string): Promise<WatchedPage> {
  const page = await context.newPage()
  page.setDefaultTimeout(STEP_TIMEOUT_MS)
  const messages: string[] = []
  page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`))
  const response = await page.goto(url)
  if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`)
  return { page, console: messages }
}

/** What a `fetch` inside the page saw: the response, or the error it rejected with. */
export type PageFetchResult =
  | {
      readonly ok: true
      readonly status: number
      readonly headers: Record<string, string>
      readonly text: string
    }
  | { readonly ok: false; readonly error: string }

/** The `RequestInit` members the tests use (plain data, so it crosses into the page). */
export interface PageFetchInit {
  method?: string
  headers?: Record<string, string>
  body?: string
  credentials?: 'omit' | 'same-origin' | 'include'
}

/**
 * Runs `fetch(url, init)` in the page's own JavaScript, so the browser applies CORS, cookies and
 * its other rules exactly as for a site's script; `headers` lists what the script can read.
 *
 * @example
 * const result = await fetchInPage(page, 'http://localhost:8002/documents/1', { method: 'GET' })
 */
export function fetchInPage(page: Page, url: string, init: PageFetchInit = {}): Promise<PageFetchResult> {
  return page.evaluate(
    async ({ url, init }) => {
      try {
        const response = await fetch(url, init)
        const headers: Record<string, string> = {}
        response.headers.forEach((value, name) => {
          headers[name] = value
        })
        return { ok: true as const, status: response.status, headers, text: await response.text() }
      } catch (error) {
        return { ok: false as const, error: `${(error as Error).name}: ${(error as Error).message}` }
      }
    },
    { url, init },
  )
}

/**
 * Waits until the page's console shows a message matching `pattern` (Chromium logs a blocked
 * request a moment after `fetch` rejects), and returns it; fails after {@link STEP_TIMEOUT_MS}.
 *
 * @example
 * await consoleMessage(watched, /blocked by CORS policy/)
 */
export async function consoleMessage(watched: WatchedPage, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + STEP_TIMEOUT_MS
  for (;;) {
    const found = watched.console.find((message) => pattern.test(message))
    if (found !== undefined) return found
    if (Date.now() > deadline) {
      throw new Error(`no console message matching ${pattern}; saw:\n${watched.console.join('\n')}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
