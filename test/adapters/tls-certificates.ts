import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** PEM material for a test: a CA, a server certificate it signed, and client certificates. */
export interface TestCertificates {
  ca: string
  serverKey: string
  serverCert: string
  /** Signed by `ca`: CN=alice, O=RestMachine Tests. */
  clientKey: string
  clientCert: string
  /** Self-signed, so it does not verify against `ca`: CN=mallory. */
  strangerKey: string
  strangerCert: string
}

/**
 * Generates fresh certificates with the `openssl` command-line tool (EC P-256, valid one day) in a
 * temporary directory, reads them, and removes the directory.
 *
 * @example
 * const certs = generateCertificates()
 * await serve(app, { port: 0, tls: { key: certs.serverKey, cert: certs.serverCert } })
 */
export function generateCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'restmachine-tls-'))
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
  const key = (name: string) =>
    openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`)
  try {
    key('ca')
    openssl(
      'req',
      '-x509',
      '-new',
      '-key',
      'ca.key',
      '-subj',
      '/CN=RestMachine Test CA',
      '-days',
      '1',
      '-out',
      'ca.crt',
    )
    const signed = (name: string, subject: string, extensions: string) => {
      key(name)
      openssl('req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`)
      writeFileSync(join(dir, `${name}.ext`), extensions)
      openssl(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-days',
        '1',
        '-extfile',
        `${name}.ext`,
        '-out',
        `${name}.crt`,
      )
    }
    signed(
      'server',
      '/CN=localhost',
      'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n',
    )
    signed('client', '/CN=alice/O=RestMachine Tests', 'extendedKeyUsage=clientAuth\n')
    key('stranger')
    openssl(
      'req',
      '-x509',
      '-new',
      '-key',
      'stranger.key',
      '-subj',
      '/CN=mallory',
      '-days',
      '1',
      '-out',
      'stranger.crt',
    )
    const read = (file: string) => readFileSync(join(dir, file), 'utf8')
    return {
      ca: read('ca.crt'),
      serverKey: read('server.key'),
      serverCert: read('server.crt'),
      clientKey: read('client.key'),
      clientCert: read('client.crt'),
      strangerKey: read('stranger.key'),
      strangerCert: read('stranger.crt'),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
