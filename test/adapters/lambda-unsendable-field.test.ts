import { RestApplication, respond } from 'restmachine'
import { toLambdaHandler } from 'restmachine/lambda'
import { describe, expect, it, vi } from 'vitest'
import { retarget, SAMPLES, sample } from './aws-samples.js'
import { CONTEXT } from './lambda-support.js'

// A handler that puts a decoded path segment into a field: %0D%0A becomes CR LF (RFC 9110 §5.5).
function echoingApp() {
  const app = new RestApplication()
  app.get('/echo/{name}', ({ name }) => respond('ok', { headers: { 'x-echo': name } }))
  return app
}

describe('a field that cannot be sent, through Lambda with AWS sample events', () => {
  const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
  const handler = toLambdaHandler(echoingApp(), { stopOnSigterm: false })

  for (const { file, door } of SAMPLES) {
    it(`answers the standard 500 instead of handing the field to ${door} (${file})`, async () => {
      logged.mockClear()
      const event = retarget(sample(file), 'GET', '/echo/a%0D%0AInjected%3A%20yes')
      const result = (await handler(event, CONTEXT)) as {
        statusCode: number
        headers?: Record<string, string>
        multiValueHeaders?: Record<string, string[]>
        body: string
      }
      expect(result.statusCode).toBe(500)
      expect(JSON.stringify(result.headers ?? result.multiValueHeaders)).not.toContain('Injected')
      // The error body is negotiated: the browsers' samples prefer HTML. Either way, no internal text.
      expect(result.body).toContain('An unexpected error occurred')
      expect(result.body).not.toContain('Injected')
      // Logged once, naming the field; the decoded value (CR LF and all) is never logged. The path,
      // still percent-encoded, is in the line as for any failed request.
      expect(logged).toHaveBeenCalledOnce()
      expect(logged.mock.calls[0]?.[1]).toMatchObject({ error: { field: 'x-echo' } })
      expect(JSON.stringify(logged.mock.calls)).not.toContain('\\r\\nInjected')
    })
  }

  it('sends the field when it can be sent', async () => {
    const result = await handler(retarget(sample('api-gateway-http-v2'), 'GET', '/echo/plain'), CONTEXT)
    expect(result.statusCode).toBe(200)
    expect((result as { headers: Record<string, string> }).headers['x-echo']).toBe('plain')
  })
})
