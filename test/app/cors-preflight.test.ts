import { RestApplication } from 'restmachine'
import { describe, expect, it } from 'vitest'

// Regression (issue 9 §5): a preflight for an allowed origin but a refused method used to get
// Access-Control-Allow-Origin and -Credentials from the response decoration of the route.
const ORIGIN = 'https://app.example'

function api() {
  const app = new RestApplication({
    cors: {
      origins: [ORIGIN],
      credentials: true,
      methods: ['GET', 'PUT'],
      allowHeaders: ['Content-Type', 'If-Match'],
    },
  })
  app.get('/documents/{id}', ({ id }) => ({ id }))
  app.put('/documents/{id}', ({ id }) => ({ id }))
  app.delete('/documents/{id}', () => undefined)
  return app
}

async function preflight(path: string, method: string, requestHeaders?: string, origin = ORIGIN) {
  const headers: Record<string, string> = { origin, 'access-control-request-method': method }
  if (requestHeaders !== undefined) headers['access-control-request-headers'] = requestHeaders
  return api().fetch(new Request(`http://api.example${path}`, { method: 'OPTIONS', headers }))
}

const corsFields = (response: Response) =>
  [...response.headers.keys()].filter((name) => name.startsWith('access-control-'))

describe('a refused CORS preflight', () => {
  it('answers a disallowed method with a plain 204 and no CORS header at all', async () => {
    const response = await preflight('/documents/1', 'DELETE')
    expect(response.status).toBe(204)
    expect(corsFields(response)).toEqual([])
    expect(response.headers.get('allow')).toBe('DELETE, GET, HEAD, OPTIONS, PUT')
  })

  it('answers a disallowed request header with a plain 204 and no CORS header at all', async () => {
    const response = await preflight('/documents/1', 'PUT', 'content-type,x-secret')
    expect(response.status).toBe(204)
    expect(corsFields(response)).toEqual([])
  })

  it('answers a disallowed origin with a plain 204 and no CORS header at all', async () => {
    const response = await preflight('/documents/1', 'PUT', 'content-type', 'https://evil.example')
    expect(response.status).toBe(204)
    expect(corsFields(response)).toEqual([])
  })

  it('answers a preflight to an unknown path with 404 and no CORS header', async () => {
    const response = await preflight('/nothing-here', 'GET')
    expect(response.status).toBe(404)
    expect(corsFields(response)).toEqual([])
  })

  it('still answers an allowed method and headers with the full CORS answer', async () => {
    const response = await preflight('/documents/1', 'PUT', 'if-match,content-type')
    expect(response.status).toBe(204)
    expect(Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-')))).toEqual({
      'access-control-allow-origin': ORIGIN,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, PUT',
      'access-control-allow-headers': 'Content-Type, If-Match',
    })
  })

  it('leaves the CORS headers of actual requests alone', async () => {
    const response = await api().fetch(
      new Request('http://api.example/documents/1', { method: 'DELETE', headers: { origin: ORIGIN } }),
    )
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN)
  })
})
