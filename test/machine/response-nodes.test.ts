import { RestApplication, respond } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

const traceOf = (response: { headers: { get(name: string): string | null } }) =>
  response.headers.get('x-restmachine-trace')?.split(',') ?? []

describe('HANDLER/PARTIAL/SATISFIABLE the success branch', () => {
  const app = new RestApplication({ trace: true })
  app.get('/text', () => 'abcdefghij', { provides: 'text/plain', ranges: true })
  app.post('/jobs', () => respond({ queued: true }, { status: 202 }))
  app.delete('/jobs/{id}', () => undefined)
  const client = createTestClient(app)

  it('answers 206 with the slice asked for, through PARTIAL and SATISFIABLE', async () => {
    const response = await client.get('/text', { headers: { Range: 'bytes=2-4' } })
    expect(response.status).toBe(206)
    expect(response.text).toBe('cde')
    expect(response.headers.get('content-range')).toBe('bytes 2-4/10')
    expect(traceOf(response).slice(-3)).toEqual(['HANDLER', 'PARTIAL', 'SATISFIABLE'])
  })

  it('answers 416 with the length when no range overlaps the representation (RFC 9110 §15.5.17)', async () => {
    const response = await client.get('/text', { headers: { Range: 'bytes=50-60' } })
    expect(response.status).toBe(416)
    expect(response.headers.get('content-range')).toBe('bytes */10')
    expect(traceOf(response).slice(-2)).toEqual(['PARTIAL', 'SATISFIABLE'])
  })

  it('answers 200 with Accept-Ranges when no Range is sent, and advertises it on HEAD', async () => {
    for (const method of ['get', 'head'] as const) {
      const response = await client[method]('/text')
      expect(response.status, method).toBe(200)
      expect(response.headers.get('accept-ranges'), method).toBe('bytes')
      expect(traceOf(response).slice(-2), method).toEqual(['HANDLER', 'PARTIAL'])
    }
  })

  it("keeps a status the handler chose, and 204 for nothing, leaving by HANDLER's no edge", async () => {
    const accepted = await client.post('/jobs')
    expect(accepted.status).toBe(202)
    expect(traceOf(accepted).at(-1)).toBe('HANDLER')
    const deleted = await client.delete('/jobs/1')
    expect(deleted.status).toBe(204)
    expect(traceOf(deleted).at(-1)).toBe('HANDLER')
  })
})
