/**
 * The HTTP/2 transport of the correctness checks (a {@link Send} for `checkServer`): one
 * node:http2 session per base URL over TLS, trusting the bench's self-signed certificate.
 */
import { type ClientHttp2Session, connect } from 'node:http2'
import type { Reply, Send } from './checks.js'

export interface H2Client {
  send: Send
  close(): void
}

/** A client that opens a session per base on first use; `ca` is the certificate to trust. */
export function createH2Client(ca: Buffer): H2Client {
  const sessions = new Map<string, ClientHttp2Session>()
  const session = (base: string): ClientHttp2Session => {
    const open = sessions.get(base)
    if (open && !open.closed && !open.destroyed) return open
    const s = connect(base, { ca, servername: 'localhost' })
    s.on('error', () => sessions.delete(base))
    sessions.set(base, s)
    return s
  }
  const send: Send = (base, method, path, headers, body) =>
    new Promise<Reply>((resolve, reject) => {
      const stream = session(base).request({
        ':method': method,
        ':path': path,
        ...headers,
        ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
      })
      stream.setTimeout(10000, () => stream.close())
      let status = 0
      let raw: Record<string, string | string[] | undefined> = {}
      stream.on('response', (h) => {
        status = Number(h[':status'])
        raw = h
      })
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks)
        resolve({
          status,
          headers: {
            get: (name) => {
              const v = raw[name.toLowerCase()]
              return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v
            },
          },
          text: bytes.toString('utf8'),
          bytes,
        })
      })
      stream.on('error', reject)
      stream.on('close', () => {
        if (status === 0) reject(new Error(`${method} ${path}: stream closed without an answer`))
      })
      stream.end(body)
    })
  return {
    send,
    close: () => {
      for (const s of sessions.values()) s.close()
      sessions.clear()
    },
  }
}
