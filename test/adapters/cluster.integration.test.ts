import { type ChildProcess, spawn } from 'node:child_process'
import { get } from 'node:http'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')

/** One GET on a fresh connection, so the cluster can hand each request to another worker. */
function fetchJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString()
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }))
    }).on('error', reject)
  })
}

function startCluster(
  extraEnv: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'adapters', 'cluster-app.ts')], {
    cwd: ROOT,
    env: { ...process.env, WORKERS: '2', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const line = output.split('\n').find((l) => l.startsWith('{'))
      if (line !== undefined) resolve({ child, url: JSON.parse(line).url, output: () => output })
    })
    child.once('exit', (code) => reject(new Error(`cluster exited early (${code}): ${output}`)))
  })
}

describe('serve({ workers })', () => {
  let child: ChildProcess | undefined
  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGKILL')
  })

  it('spreads requests over workers with their own startup values, restarts them one by one without losing a request, and drains on SIGTERM', async () => {
    const cluster = await startCluster()
    child = cluster.child
    const url = cluster.url

    const first = await Promise.all(Array.from({ length: 12 }, () => fetchJson(`${url}/pid`)))
    const original = new Set(first.map((r) => r.body.pid))
    expect(original.size).toBe(2)
    for (const response of first) expect(response.body.startedIn).toBe(response.body.pid)

    // SIGHUP: a rolling restart. Requests keep flowing; none may fail.
    cluster.child.kill('SIGHUP')
    const seen = new Set<unknown>()
    let failures = 0
    const deadline = Date.now() + 60_000
    let recentFromNew = 0
    while (Date.now() < deadline && recentFromNew < 10) {
      try {
        const response = await fetchJson(`${url}/pid`)
        if (response.status !== 200) failures++
        seen.add(response.body.pid)
        recentFromNew = original.has(response.body.pid) ? 0 : recentFromNew + 1
      } catch {
        failures++
      }
    }
    expect(failures).toBe(0)
    expect(recentFromNew).toBe(10)
    const replacements = [...seen].filter((pid) => !original.has(pid))
    expect(replacements.length).toBeGreaterThanOrEqual(1)

    // SIGTERM: in-flight requests finish, each worker runs its shutdown hooks, the primary exits 0.
    const slow = fetchJson(`${url}/slow`)
    await new Promise((resolve) => setTimeout(resolve, 150))
    const exited = new Promise<number | null>((resolve) => cluster.child.once('exit', resolve))
    cluster.child.kill('SIGTERM')
    expect(await slow).toMatchObject({ status: 200, body: { slow: true } })
    expect(await exited).toBe(0)
    expect(cluster.output().match(/shutdown hook ran in \d+/g)?.length).toBeGreaterThanOrEqual(4)
  }, 120_000)

  it('fails to start, without respawning, when the workers cannot start the app', async () => {
    const failure = await startCluster({ BROKEN: '1' }).then(
      () => 'started',
      (error: Error) => error.message,
    )
    expect(failure).toMatch(/cluster exited early \(1\)/)
    expect(failure).toMatch(/'missing'/)
  }, 60_000)
})
