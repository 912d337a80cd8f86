import { request } from 'node:http'
import { rawHeaderPairs } from '../support/raw-headers.js'

/** What came back, as sent: header names as the server wrote them, the body undecoded. */
export interface RawAnswer {
  status: number
  /** `[name, value]` pairs in the order they arrived. */
  headers: [string, string][]
  body: Buffer
}

/**
 * Sends one request with exactly the given headers over a fresh connection (node:http adds none
 * beyond Host and the body's Content-Length, and decodes nothing), and reads the whole answer.
 */
export function sendRaw(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
  timeoutMs = 30_000,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const sent =
      body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) }
    const req = request(new URL(path, base), { method, headers: sent, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          headers: rawHeaderPairs(res.rawHeaders),
          body: Buffer.concat(chunks),
        })
      })
      res.on('error', reject)
    })
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)))
    // A server may answer (413) and close before it has read all of a large body: keep the answer.
    req.on('error', reject)
    req.end(body)
  })
}

/** The value of a header (names compared case-insensitively), repeated fields joined with ", ". */
export function headerOf(answer: RawAnswer, name: string): string | null {
  const values = answer.headers.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value)
  return values.length === 0 ? null : values.join(', ')
}
