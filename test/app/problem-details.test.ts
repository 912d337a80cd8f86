import { NotFound, RestApplication, UnprocessableEntity } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

describe('RFC 9457 problem details', () => {
  const build = (problemDetails?: boolean) => {
    const app = new RestApplication({ problemDetails, logger: { error: () => {} } })
    app.get('/missing', () => {
      throw new NotFound('No such post')
    })
    app.post('/invalid', () => {
      throw new UnprocessableEntity('Validation failed', [
        { loc: ['title'], msg: 'Required', type: 'missing' },
      ])
    })
    app.get('/boom', () => {
      throw new Error('secret')
    })
    return createTestClient(app)
  }

  it('are sent when the client prefers application/problem+json', async () => {
    const response = await build().get('/missing', { headers: { accept: 'application/problem+json' } })
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(response.json()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No such post',
    })
  })

  it('are not sent when the client prefers plain JSON', async () => {
    const response = await build().get('/missing', {
      headers: { accept: 'application/json, application/problem+json;q=0.5' },
    })
    expect(response.json()).toEqual({ error: 'Not Found', message: 'No such post' })
  })

  it('are always sent when the application opts in, with validation errors and request ids as extensions', async () => {
    const client = build(true)
    const invalid = await client.post('/invalid')
    expect(invalid.json()).toEqual({
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'Validation failed',
      errors: [{ loc: ['title'], msg: 'Required', type: 'missing' }],
    })
    const boom = await client.get('/boom')
    expect(boom.json<{ detail: string; request_id: string }>().detail).toBe('An unexpected error occurred')
    expect(boom.text).not.toContain('secret')
  })
})
