import { afterAll, describe, expect, it } from 'vitest'
import { BUN_BIN, BUN_SERVERS } from '../../bench/lib/bun.js'
import { checkServer } from '../../bench/lib/checks.js'
import { type RunningServer, serverFile, startServer } from '../../bench/lib/servers.js'
import { DEFAULT_JWT_SECRET } from '../../bench/scenarios.js'

// Every server of `npm run bench -- --bun`, started by Bun exactly as the harness starts it, must
// pass the harness's own correctness checks: a measured number is only worth something if the
// answer was right. Elysia has no compression of its own, so /compressed/doc is its one failure.
const EXPECTED_FAILURES: Record<string, string[]> = {
  'bun-restmachine': [],
  'bun-serve': [],
  'bun-hono': [],
  'bun-elysia': ['doc-gzip'],
}

describe('the Bun bench servers pass the bench checks', () => {
  const running: RunningServer[] = []
  afterAll(() => Promise.all(running.map((s) => s.stop())))

  for (const name of BUN_SERVERS) {
    it(`${name} under Bun passes every check${EXPECTED_FAILURES[name]?.length ? ` but ${EXPECTED_FAILURES[name]?.join(', ')}` : ''}`, async () => {
      const srv = await startServer(name, {
        launch: { mode: 'tsx', args: [serverFile(name)] },
        command: BUN_BIN,
        env: { BENCH_JWT_SECRET: DEFAULT_JWT_SECRET },
        timeoutMs: 60_000,
      })
      running.push(srv)
      const outcome = await checkServer(
        `http://127.0.0.1:${srv.port}`,
        new TextEncoder().encode(DEFAULT_JWT_SECRET),
      )
      expect(Object.keys(outcome.failures).sort()).toEqual(EXPECTED_FAILURES[name])
    }, 90_000)
  }
})
