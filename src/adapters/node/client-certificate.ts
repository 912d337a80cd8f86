import { X509Certificate } from 'node:crypto'
import type { TLSSocket } from 'node:tls'
import type { RestRequest } from '../../http/index.js'
import type { ClientCertificate } from '../client-certificate.js'

const cache = new WeakMap<TLSSocket, ClientCertificate | null>()

/**
 * The TLS client certificate of a request served by `serve({ tls: { requestCert: true } })`, or
 * `undefined` when the client sent none (or the connection is not TLS). Read once per connection.
 *
 * @example
 * app.authorized('client', ({ request }) => {
 *   const cert = clientCertificateOf(request)
 *   return cert?.authorized ? { name: cert.subject } : null // null → 401
 * })
 */
export function clientCertificateOf(request: RestRequest): ClientCertificate | undefined {
  const raw = request.raw as { socket?: unknown; stream?: { session?: { socket?: unknown } } } | undefined
  // HTTP/2 requests reach the TLS socket through their session; HTTP/1.1 ones directly.
  const socket = (raw?.stream?.session?.socket ?? raw?.socket) as TLSSocket | undefined
  if (socket === undefined || socket === null || typeof socket.getPeerCertificate !== 'function')
    return undefined
  let found = cache.get(socket)
  if (found === undefined) {
    found = read(socket)
    cache.set(socket, found)
  }
  return found ?? undefined
}

function read(socket: TLSSocket): ClientCertificate | null {
  const peer = socket.getPeerCertificate()
  if (peer === null || peer === undefined || peer.raw === undefined) return null
  const x509 = new X509Certificate(peer.raw)
  const certificate: ClientCertificate = {
    authorized: socket.authorized,
    subject: distinguishedName(x509.subject),
    issuer: distinguishedName(x509.issuer),
    serialNumber: x509.serialNumber,
    validFrom: x509.validFrom,
    validTo: x509.validTo,
    fingerprint256: x509.fingerprint256,
    pem: x509.toString(),
  }
  if (!socket.authorized && socket.authorizationError !== undefined) {
    certificate.authorizationError = String(socket.authorizationError)
  }
  return certificate
}

// Node lists one attribute per line ("CN=alice\nO=Example"); join them as one DN string.
function distinguishedName(lines: string): string {
  return lines.split('\n').filter(Boolean).join(', ')
}
