import { createHash } from 'node:crypto'
import { type Browser, chromium } from 'playwright-core'
import { html, type MultipartBody, RestApplication } from 'restmachine'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The multipart parser is our own (decision 0242), so it is checked against what a real browser
// sends: headless Chromium fills in and submits an HTML form, and the application sees every field
// and file exactly as typed.
describe('multipart/form-data from Chromium', () => {
  let server: RunningServer
  let browser: Browser

  beforeAll(async () => {
    const app = new RestApplication()
    app.get(
      '/',
      () => html`<!doctype html><form method="post" action="/upload" enctype="multipart/form-data">
        <input name="title"><textarea name="notes"></textarea><input name="tag"><input name="tag" value="second">
        <input type="file" name="doc"><input type="file" name="nothing"><input type="file" name="many" multiple>
        <button>Send</button></form>`,
      { provides: 'text/html' },
    )
    app.post(
      '/upload',
      async ({ parsedBody }) => {
        const { fields, files } = parsedBody as MultipartBody
        return {
          fields: { ...fields },
          files: await Promise.all(
            files.map(async (file) => ({
              field: file.field,
              filename: file.filename,
              type: file.type,
              size: file.size,
              sha256: createHash('sha256')
                .update(await file.bytes())
                .digest('hex'),
            })),
          ),
        }
      },
      { accepts: ['multipart/form-data'] },
    )
    server = await serve(app, { port: 0, handleSignals: false })
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
  }, 30_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('sees text, repeated names, files and skipped empty file inputs as the user entered them', async () => {
    const binary = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256))
    // Content that looks like a delimiter line, but is not one, must stay content.
    const tricky = Buffer.from('line 1\r\n--not-the-boundary\r\n------WebKitFormBoundary\r\nend')
    const page = await browser.newPage()
    await page.goto(server.url)
    await page.fill('input[name=title]', 'Hello "world" — ünïcödé ✓ %22 \\ ; name="x"')
    await page.fill('textarea[name=notes]', 'two\nlines\r\nand a lone \r carriage return')
    await page.locator('input[name=tag]').first().fill('first')
    await page.setInputFiles('input[name=doc]', {
      name: 'résumé "final".pdf',
      mimeType: 'application/pdf',
      buffer: binary,
    })
    await page.setInputFiles('input[name=many]', [
      { name: 'a.txt', mimeType: 'text/plain', buffer: tricky },
      { name: 'empty.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) },
    ])
    await Promise.all([page.waitForURL(`${server.url}/upload`), page.click('button')])
    const received = JSON.parse((await page.textContent('body')) as string)
    await page.close()

    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
    expect(received.fields).toEqual({
      title: 'Hello "world" — ünïcödé ✓ %22 \\ ; name="x"',
      // HTML §4.10.21.8: browsers send textarea line breaks as CRLF.
      notes: 'two\r\nlines\r\nand a lone \r\n carriage return',
      tag: ['first', 'second'],
    })
    expect(received.files).toEqual([
      {
        field: 'doc',
        filename: 'résumé "final".pdf',
        type: 'application/pdf',
        size: 70_000,
        sha256: sha256(binary),
      },
      { field: 'many', filename: 'a.txt', type: 'text/plain', size: tricky.length, sha256: sha256(tricky) },
      {
        field: 'many',
        filename: 'empty.bin',
        type: 'application/octet-stream',
        size: 0,
        sha256: sha256(Buffer.alloc(0)),
      },
    ])
  }, 30_000)
})
