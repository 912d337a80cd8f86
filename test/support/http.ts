import { connect } from 'node:net'

/** Sends raw bytes to a server and resolves with everything it answers before closing (or timeout). */
export function rawRequest(port: number, payload: string | Buffer, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const timer = setTimeout(() => {
      socket.destroy()
      resolve(Buffer.concat(chunks).toString('latin1'))
    }, timeoutMs)
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('end', () => {
      clearTimeout(timer)
      resolve(Buffer.concat(chunks).toString('latin1'))
    })
    socket.on('error', (error) => {
      clearTimeout(timer)
      if (chunks.length > 0) resolve(Buffer.concat(chunks).toString('latin1'))
      else reject(error)
    })
    socket.write(payload)
  })
}

/** The status code of a raw HTTP/1.1 response. */
export function statusOf(raw: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0)
}

/** The content of a raw HTTP/1.1 response (after the blank line). */
export function contentOf(raw: string): string {
  const index = raw.indexOf('\r\n\r\n')
  return index === -1 ? '' : raw.slice(index + 4)
}
