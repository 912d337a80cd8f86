import { RestApplication } from 'restmachine'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentOf, rawRequest, statusOf } from '../support/http.js'

// Node's HTTP parser knows a fixed list of methods and reports everything else as an "invalid
// method". Before, all of it got 501; a line that is no request line at all is a 400 (RFC 9112 §3).
describe('request lines over a real socket (RFC 9112 §3)', () => {
  let server: RunningServer
  beforeAll(async () => {
    const app = new RestApplication()
    app.get('/', () => 'home')
    server = await serve(app, { port: 0, handleSignals: false })
  })
  afterAll(() => server.close())

  async function answer(payload: string): Promise<{ status: number; error: string }> {
    const raw = await rawRequest(server.port, payload)
    return { status: statusOf(raw), error: (JSON.parse(contentOf(raw)) as { error: string }).error }
  }

  it('answers 400 for garbage instead of a request line', async () => {
    for (const line of ['GARBAGE', 'GE T / HTTP/1.1', '\u0001\u0002\u0003', 'G\tET / HTTP/1.1', '{"a":1}']) {
      expect(await answer(`${line}\r\nHost: x\r\n\r\n`), line).toEqual({ status: 400, error: 'Bad Request' })
    }
  })

  it('answers 400 for a line with an unknown method but no HTTP version', async () => {
    expect(await answer('FOO /\r\n\r\n')).toEqual({ status: 400, error: 'Bad Request' })
  })

  it('keeps 501 for well-formed request lines with a method this server does not implement', async () => {
    for (const line of [
      'FOO / HTTP/1.1',
      'FROBNICATE /x?y=1 HTTP/1.1',
      'get / HTTP/1.1',
      'PROPFIND / HTTP/1.1',
    ]) {
      expect(await answer(`${line}\r\nHost: x\r\nConnection: close\r\n\r\n`), line).toEqual({
        status: 501,
        error: 'Not Implemented',
      })
    }
  })

  it('keeps serving well-formed requests afterwards', async () => {
    const raw = await rawRequest(server.port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
    expect(statusOf(raw)).toBe(200)
  })
})
