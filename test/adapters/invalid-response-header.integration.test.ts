import { RestApplication, RestResponse } from 'restmachine'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

/** Handlers that copy client input into a header field, as real code does with names and ids. */
function buildApp() {
  const app = new RestApplication()
  app.get('/echo', ({ queryParams }) => new RestResponse(200, { 'x-echo': queryParams.v ?? '' }, 'echoed'))
  app.get('/later', async ({ queryParams }) => {
    await new Promise((resolve) => setTimeout(resolve, 5))
    return new RestResponse(200, { 'x-echo': queryParams.v ?? '' }, 'echoed')
  })
  return app
}

// A value with a line feed cannot be sent (RFC 9110 §5.5); Node's writeHead throws on it.
const LINE_FEED = encodeURIComponent('a\nInjected: yes')

describe('a handler that puts an unsendable value into a header field, over HTTP/1.1', () => {
  let server: RunningServer
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
  beforeAll(async () => {
    server = await serve(buildApp(), { port: 0, handleSignals: false })
  })
  afterAll(async () => {
    await server.close()
    logged.mockRestore()
  })

  for (const path of ['/echo', '/later']) {
    it(`answers 500, logs the failure and keeps the process serving (${path})`, async () => {
      logged.mockClear()
      const refused = await fetch(`${server.url}${path}?v=${LINE_FEED}`, {
        signal: AbortSignal.timeout(5000),
      })
      expect(refused.status).toBe(500)
      expect(refused.headers.get('injected')).toBeNull()
      expect(await refused.json()).toEqual({
        error: 'Internal Server Error',
        message: 'An unexpected error occurred',
      })
      expect(logged).toHaveBeenCalledOnce()
      const fine = await fetch(`${server.url}${path}?v=plain`)
      expect(fine.status).toBe(200)
      expect(fine.headers.get('x-echo')).toBe('plain')
    })
  }
})
