import { type ClientSessionOptions, connect, type SecureClientSessionOptions } from 'node:http2'

/** One HTTP/2 exchange as a test sees it. */
export interface H2Response {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  /** The content as received (still encoded when Content-Encoding says so). */
  bytes: Buffer
  alpn: string | undefined
}

/**
 * Sends one request over a new HTTP/2 session and closes it.
 *
 * @example
 * const { status, body } = await h2Request(server.url, '/hello', { ca })
 */
export function h2Request(
  origin: string,
  path: string,
  options: ClientSessionOptions | SecureClientSessionOptions = {},
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<H2Response> {
  return new Promise((resolve, reject) => {
    const session = connect(origin, options)
    session.on('error', reject)
    const stream = session.request({ ':method': init.method ?? 'GET', ':path': path, ...init.headers })
    stream.on('error', reject)
    let headers: Record<string, string | string[] | undefined> = {}
    stream.on('response', (received) => {
      headers = received as typeof headers
    })
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => {
      const alpn = (session as { alpnProtocol?: string }).alpnProtocol
      session.close()
      resolve({
        status: Number(headers[':status']),
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
        bytes: Buffer.concat(chunks),
        alpn,
      })
    })
    stream.end(init.body)
  })
}
