import { request as httpRequest } from 'node:http'
import { type RunningServer, type ServableApp, serve } from 'restmachine/node'
import type { Driver, DriverResponse } from 'restmachine/testing'
import { rawHeaderPairs } from './raw-headers.js'

/**
 * A driver that writes each request line for line over a real socket to `restmachine/node`, the
 * way an HTTP/1.1 client such as curl does with repeated `-H` options: header names keep their
 * casing and a repeated name stays on lines of its own (a `fetch` client would fold repeated
 * names into one line, and `Cookie` lines into one with a comma). It is the reference for what a
 * Node server sees.
 *
 * @example
 * const client = createTestClient(overSocket(app))
 */
export function overSocket(app: ServableApp, timeoutMs = 5000): Driver {
  let server: Promise<RunningServer> | undefined
  return {
    name: 'node-socket',
    async send(request): Promise<DriverResponse> {
      server ??= serve(app, { port: 0, handleSignals: false })
      const { port } = await server
      const lines: string[] = []
      for (const [name, value] of request.headers) lines.push(name, value)
      return new Promise((resolve, reject) => {
        const outgoing = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: request.method,
            path: request.target,
            headers: lines,
            timeout: timeoutMs,
            agent: false,
          },
          (response) => {
            const chunks: Buffer[] = []
            response.on('data', (chunk: Buffer) => chunks.push(chunk))
            response.on('error', reject)
            response.on('end', () => {
              const headers = rawHeaderPairs(response.rawHeaders).map(([name, value]): [string, string] => [
                name.toLowerCase(),
                value,
              ])
              resolve({
                status: response.statusCode ?? 0,
                headers,
                body: new Uint8Array(Buffer.concat(chunks)),
              })
            })
          },
        )
        outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)))
        outgoing.on('error', reject)
        outgoing.end(request.body === undefined ? undefined : Buffer.from(request.body))
      })
    },
    async close() {
      const started = server
      server = undefined
      if (started !== undefined) await (await started).close()
    },
  }
}
