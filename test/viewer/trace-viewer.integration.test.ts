import { networkInterfaces } from 'node:os'
import { RestApplication } from 'restmachine'
import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TraceViewerOptions } from '../../src/viewer/index.js'

// Over real sockets: the client address the viewer checks is the socket's. The server listens on
// every interface; a request to this machine's own non-loopback address (eth0's, say) arrives from
// that address — not loopback — without leaving the machine. No header is trusted for it.
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal)?.address

function appWithViewer(options: TraceViewerOptions) {
  const app = new RestApplication().traceViewer(options)
  app.get('/hello', () => ({ hello: 'world' }))
  return app
}

describe.skipIf(lanAddress === undefined)(
  `the trace viewer over sockets (non-loopback: ${lanAddress})`,
  () => {
    const servers: RunningServer[] = []
    let loopbackOnly = 0
    let allowListed = 0
    beforeAll(async () => {
      for (const options of [{}, { allowRemote: [lanAddress as string] }]) {
        servers.push(
          await serve(appWithViewer(options), { hostname: '0.0.0.0', port: 0, handleSignals: false }),
        )
      }
      loopbackOnly = (servers[0] as RunningServer).port
      allowListed = (servers[1] as RunningServer).port
    })
    afterAll(() => Promise.all(servers.map((server) => server.close())))

    it('shows the page to a client on 127.0.0.1', async () => {
      const response = await fetch(`http://127.0.0.1:${loopbackOnly}/_restmachine`)
      expect(response.status).toBe(200)
      expect(await response.text()).toContain('RestMachine decision traces')
    })

    it('answers 404 to a client on a non-loopback address, and records that request', async () => {
      const remote = await fetch(`http://${lanAddress}:${loopbackOnly}/_restmachine/traces.json`)
      expect(remote.status).toBe(404)
      expect(await remote.json()).toMatchObject({ error: 'Not Found' })
      const local = await fetch(`http://127.0.0.1:${loopbackOnly}/_restmachine/traces.json`)
      const { traces } = (await local.json()) as { traces: { path: string; status: number }[] }
      expect(traces[0]).toMatchObject({ path: '/_restmachine/traces.json', status: 404 })
    })

    it('answers 404 to a loopback client whose request a proxy relayed', async () => {
      const relayed = await fetch(`http://127.0.0.1:${loopbackOnly}/_restmachine`, {
        headers: { 'x-forwarded-for': '198.51.100.4' },
      })
      expect(relayed.status).toBe(404)
    })

    it('shows the page to a non-loopback client allowRemote lists', async () => {
      const response = await fetch(`http://${lanAddress}:${allowListed}/_restmachine`)
      expect(response.status).toBe(200)
    })
  },
)
