/**
 * A throw-away self-signed TLS key and certificate for the HTTP/2 bench, made with `openssl` at
 * bench start into bench/results/tls/ (git-ignored). The servers read them from the files named
 * by `BENCH_TLS_KEY` / `BENCH_TLS_CERT`; nothing is downloaded.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { BENCH_DIR } from './servers.js'

export const TLS_DIR = path.join(BENCH_DIR, 'results', 'tls')

export interface TlsFiles {
  key: string
  cert: string
}

/** Creates (once) a self-signed P-256 pair for 127.0.0.1 / localhost and returns its paths. */
export function ensureTlsFiles(dir: string = TLS_DIR): TlsFiles {
  const key = path.join(dir, 'key.pem')
  const cert = path.join(dir, 'cert.pem')
  if (existsSync(key) && existsSync(cert)) return { key, cert }
  mkdirSync(dir, { recursive: true })
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '30',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  )
  return { key, cert }
}

/** A bench server's key and certificate, read from `BENCH_TLS_KEY` / `BENCH_TLS_CERT`. */
export function serverTls(env: NodeJS.ProcessEnv = process.env): { key: Buffer; cert: Buffer } {
  const { BENCH_TLS_KEY: key, BENCH_TLS_CERT: cert } = env
  if (!key || !cert)
    throw new Error('BENCH_TLS_KEY and BENCH_TLS_CERT must name PEM files (npm run bench -- --h2 sets them)')
  return { key: readFileSync(key), cert: readFileSync(cert) }
}
