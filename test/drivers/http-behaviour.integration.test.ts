import { RestApplication, respond } from 'restmachine'
import { createTestClient, type TestClient } from 'restmachine/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureConsole } from '../support/console.js'
import { allDrivers } from './drivers.js'

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x80])

function buildApp() {
  const app = new RestApplication()
  app.get('/files/{name}', ({ name, queryParams, request }) => ({
    name,
    rawQuery: request.rawQuery,
    tag: queryParams.tag,
  }))
  app.post('/echo', ({ jsonBody }) => ({ echoed: jsonBody }))
  app.put('/bytes', ({ body }) => respond(body, { headers: { 'content-type': 'application/octet-stream' } }))
  app.get('/image', () => respond(PNG, { headers: { 'content-type': 'image/png' } }))
  app.get('/login', () =>
    respond(
      { ok: true },
      { headers: { 'set-cookie': ['session=abc; Path=/; HttpOnly; Secure', 'theme=dark; Path=/'] } },
    ),
  )
  app.get('/whoami', ({ cookies }) => ({ session: cookies.session ?? null, theme: cookies.theme ?? null }))
  app.get('/stream', () =>
    respond(
      (async function* () {
        for (let i = 0; i < 3; i++) yield `line ${i}\n`
      })(),
      { headers: { 'content-type': 'text/plain; charset=utf-8' } },
    ),
  )
  return app
}

describe.each(allDrivers(buildApp).map((driver) => [driver.name, driver] as const))(
  'HTTP behaviour via %s',
  (_name, driver) => {
    let client: TestClient
    beforeAll(() => {
      client = createTestClient(driver)
    })
    afterAll(() => client.close())

    it('decodes percent-encoded path segments and keeps the raw query as sent', async () => {
      const response = await client.get('/files/r%C3%A9sum%C3%A9%20v2.pdf?tag=a%26b&tag=c')
      // An ALB without multi-value support passes only the last value of a repeated parameter.
      if (driver.name === 'lambda:alb') expect(response.json()).toMatchObject({ rawQuery: 'tag=c', tag: 'c' })
      else expect(response.json()).toEqual({ name: 'résumé v2.pdf', rawQuery: 'tag=a%26b&tag=c', tag: 'a&b' })
    })

    it('round-trips a JSON body with non-ASCII text', async () => {
      const response = await client.post('/echo', { json: { text: 'Zoë ✓ 😀' } })
      expect(response.status).toBe(200)
      expect(response.json()).toEqual({ echoed: { text: 'Zoë ✓ 😀' } })
    })

    it('round-trips arbitrary bytes in both directions', async () => {
      const bytes = new Uint8Array(256).map((_, i) => i)
      const response = await client.put('/bytes', {
        body: bytes,
        headers: { 'content-type': 'application/octet-stream' },
      })
      expect(response.status).toBe(200)
      expect([...response.body]).toEqual([...bytes])
    })

    it('serves binary content byte for byte', async () => {
      const response = await client.get('/image')
      expect(response.headers.get('content-type')).toBe('image/png')
      expect([...response.body]).toEqual([...PNG])
    })

    it('keeps several Set-Cookie fields apart and reads cookies sent back', async () => {
      const warned = captureConsole('warn')
      const login = await client.get('/login')
      const cookies = login.headers.getAll('set-cookie')
      // Behind an ALB without multi-value headers only one Set-Cookie can exist, and the adapter
      // warns (once per handler: this driver's handler meets several cookies only here).
      if (driver.name === 'lambda:alb') {
        expect(cookies).toEqual(['session=abc; Path=/; HttpOnly; Secure'])
        expect(String(warned[0]?.[0])).toMatch(
          /^\[restmachine\] an ALB response can carry only one Set-Cookie/,
        )
      } else expect(cookies).toEqual(['session=abc; Path=/; HttpOnly; Secure', 'theme=dark; Path=/'])
      expect(warned.length).toBe(driver.name === 'lambda:alb' ? 1 : 0)
      const whoami = await client.get('/whoami', { headers: { cookie: 'session=abc; theme=dark' } })
      expect(whoami.json()).toEqual({ session: 'abc', theme: 'dark' })
    })

    it('delivers a streamed response whole', async () => {
      const response = await client.get('/stream')
      expect(response.text).toBe('line 0\nline 1\nline 2\n')
    })

    it('answers 404 for an unknown path and 405 with Allow for an unknown method', async () => {
      expect((await client.get('/nope')).status).toBe(404)
      const wrong = await client.delete('/image')
      expect(wrong.status).toBe(405)
      expect(wrong.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    })
  },
)
