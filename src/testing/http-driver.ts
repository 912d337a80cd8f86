import type { Driver, DriverResponse } from './driver.js'

// fetch sets these itself from the URL, the body and its connection pool.
const CONNECTION_LEVEL = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding'])

/** A server the HTTP driver can talk to: its base URL and how to stop it. */
export interface ListeningServer {
  readonly url: string
  close(): Promise<void>
}

/**
 * Delivers requests over a real socket with the runtime's `fetch`, to a server that `listen`
 * starts on first use (and `close()` stops). Redirects are not followed. The client address is the
 * socket's, so `remoteAddress` in a test request has no effect here.
 *
 * @example
 * const driver = overHttp(() => serve(app, { port: 0, handleSignals: false }))
 */
export function overHttp(listen: () => Promise<ListeningServer>, name = 'http'): Driver {
  let server: Promise<ListeningServer> | undefined
  return {
    name,
    async send(request): Promise<DriverResponse> {
      server ??= listen()
      const { url } = await server
      const response = await fetch(`${url}${request.target}`, {
        method: request.method,
        headers: request.headers.filter(([n]) => !CONNECTION_LEVEL.has(n.toLowerCase())) as Array<
          [string, string]
        >,
        body: request.body as BodyInit | undefined,
        redirect: 'manual',
      })
      const headers: Array<[string, string]> = []
      response.headers.forEach((value, key) => {
        if (key !== 'set-cookie') headers.push([key, value])
      })
      for (const cookie of response.headers.getSetCookie()) headers.push(['set-cookie', cookie])
      return { status: response.status, headers, body: new Uint8Array(await response.arrayBuffer()) }
    },
    async close() {
      const started = server
      server = undefined
      if (started !== undefined) await (await started).close()
    },
  }
}
