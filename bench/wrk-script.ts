/**
 * Prints the wrk Lua script the harness uses for one scenario, for driving a server by hand:
 *
 *   npx tsx bench/wrk-script.ts users > /tmp/users.lua
 *   taskset -c 0 wrk -t1 -c50 -d10s --latency -s /tmp/users.lua http://127.0.0.1:3000/
 *
 * `profile` mints a token with BENCH_JWT_SECRET (same default as the servers); `doc-304` needs
 * the server's base URL to fetch the current ETag first:
 *
 *   npx tsx bench/wrk-script.ts doc-304 http://127.0.0.1:3000 > /tmp/doc.lua
 */
import { request } from 'node:http'
import { wrkPath, wrkScript } from './lib/load.js'
import { SCENARIOS, scenarioById } from './lib/plan.js'
import { mintToken, PATHS } from './scenarios.js'

function fetchEtag(base: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(PATHS.doc, base), { agent: false }, (res) => {
      res.resume()
      const etag = res.headers.etag
      res.on('end', () => resolve(typeof etag === 'string' ? etag : null))
    })
    req.on('error', reject)
    req.end()
  })
}

async function main(): Promise<void> {
  const [id, base] = process.argv.slice(2)
  const scenario = id ? scenarioById(id) : undefined
  if (!scenario) {
    console.error(`usage: tsx bench/wrk-script.ts <${SCENARIOS.map((s) => s.id).join('|')}> [base url]`)
    process.exitCode = 2
    return
  }
  let etag: string | null = null
  if (scenario.id === 'doc-304') {
    if (!base) throw new Error('doc-304 needs the base URL of a running server, to read its ETag')
    etag = await fetchEtag(base)
    if (!etag) throw new Error(`GET ${PATHS.doc} on ${base} sent no ETag`)
  }
  const requests = scenario.requests({ token: await mintToken(), etag })
  process.stdout.write(wrkScript(requests))
  const path = wrkPath(requests)
  console.error(
    `-- expects ${scenario.expected.join('/')}; run: wrk -t1 -c50 -d10s --latency -s <this file> ${base ?? 'http://127.0.0.1:3000'}${path}`,
  )
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exitCode = 1
})
