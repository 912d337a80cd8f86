import { connect as connectTcp, type Socket } from 'node:net'
import { connect as connectTls } from 'node:tls'
import { RestApplication } from 'restmachine'
import { type RunningServer, type ServeOptions, serve } from 'restmachine/node'
import { afterEach, describe, expect, it } from 'vitest'
import { checkingInterval } from '../../src/adapters/node/create-server.js'
import { generateCertificates } from '../adapters/tls-certificates.js'

const HEADERS_TIMEOUT = 500
/** Time allowed past the timeout: the check interval (50 ms here) plus room for a loaded machine. */
const MARGIN = 1000
/** How long the test waits at most; Node's default 30 s check would close the connection much later. */
const GIVE_UP = 5000

/**
 * A slow-loris client: sends a request head one header line every 100 ms, never ending it, and
 * reports when the server closed the connection and what it answered.
 */
function slowloris(socket: Socket): Promise<{ closedAfter: number; answer: string }> {
  return new Promise((resolve) => {
    const started = performance.now()
    let answer = ''
    const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 100)
    const giveUp = setTimeout(() => socket.destroy(), GIVE_UP)
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1')
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      clearInterval(drip)
      clearTimeout(giveUp)
      resolve({ closedAfter: performance.now() - started, answer })
    })
    socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n')
  })
}

describe('a slow-header connection', () => {
  let server: RunningServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  async function start(options: ServeOptions): Promise<RunningServer> {
    const app = new RestApplication()
    app.get('/', () => 'home')
    server = await serve(app, { port: 0, handleSignals: false, headersTimeout: HEADERS_TIMEOUT, ...options })
    return server
  }

  it('is closed with 408 within the headers timeout plus a small margin over HTTP/1.1', async () => {
    const { port } = await start({})
    const { closedAfter, answer } = await slowloris(connectTcp(port, '127.0.0.1'))
    expect(closedAfter, `closed after ${closedAfter.toFixed(0)} ms`).toBeLessThan(HEADERS_TIMEOUT + MARGIN)
    expect(closedAfter).toBeGreaterThanOrEqual(HEADERS_TIMEOUT - 50)
    expect(answer).toMatch(/^HTTP\/1\.1 408 /)
    expect(answer).toContain('"error":"Request Timeout"')
  })

  it('is closed as soon on the HTTP/1.1 fallback of the TLS + HTTP/2 server', async () => {
    const certs = generateCertificates()
    const { port } = await start({ tls: { key: certs.serverKey, cert: certs.serverCert } })
    const socket = connectTls({
      port,
      host: '127.0.0.1',
      ca: certs.ca,
      servername: 'localhost',
      ALPNProtocols: ['http/1.1'],
    })
    await new Promise((resolve) => socket.once('secureConnect', resolve))
    const { closedAfter } = await slowloris(socket)
    expect(closedAfter, `closed after ${closedAfter.toFixed(0)} ms`).toBeLessThan(HEADERS_TIMEOUT + MARGIN)
  })
})

describe('the timeout check interval', () => {
  it('is a tenth of the shortest configured timeout, at least 10 ms, and Node’s 30 s when none is set', () => {
    expect(checkingInterval(10_000, 30_000)).toBe(1000)
    expect(checkingInterval(60_000, 5_000)).toBe(500)
    expect(checkingInterval(0, 2_000)).toBe(200)
    expect(checkingInterval(50, 0)).toBe(10)
    expect(checkingInterval(0, 0)).toBe(30_000)
  })
})
