import { type ChildProcess, spawn } from 'node:child_process'
import { get } from 'node:http'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')

/**
 * One GET on a fresh connection, so the cluster can hand each request to another worker. Bounded:
 * a request that gets no answer fails after `ms`, naming itself, instead of hanging the test.
 */
function fetchJson(url: string, ms = 10_000): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, timeout: ms }, (res) => {
      let text = ''
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString()
      })
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) })
        } catch {
          reject(
            new Error(`GET ${url}: ${res.statusCode} with a body that is not JSON: ${text.slice(0, 200)}`),
          )
        }
      })
    })
    request.on('timeout', () => request.destroy(new Error(`GET ${url}: no answer within ${ms} ms`)))
    request.on('error', reject)
  })
}

/** `promise`, or a failure naming the stage and showing the cluster's output so far after `ms`. */
function within<T>(promise: Promise<T>, ms: number, stage: string, output: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${stage}: nothing after ${ms} ms. Output:\n${output()}`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
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
      // Only a complete line: a chunk may end in the middle of the JSON.
      const line = output.split('\n').find((l, i, lines) => l.startsWith('{') && i < lines.length - 1)
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

  // Not retried: a request handed to a worker as it retired used to get no answer at all (the
  // primary kept routing to a worker that had already closed and exited; see retire() in
  // src/adapters/node/cluster-primary.ts). Zero lost requests is the point of this test.
  it('spreads requests over workers with their own startup values, restarts them one by one without losing a request, and drains on SIGTERM', {
    timeout: 180_000,
  }, async () => {
    const cluster = await within(startCluster(), 30_000, 'starting the cluster', () => '')
    child = cluster.child
    const url = cluster.url

    const first = await within(
      Promise.all(Array.from({ length: 12 }, () => fetchJson(`${url}/pid`))),
      20_000,
      'the first 12 requests',
      cluster.output,
    )
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
    expect(failures, `requests failed during the rolling restart. Output:\n${cluster.output()}`).toBe(0)
    expect(recentFromNew, `the new workers did not answer 10 in a row. Output:\n${cluster.output()}`).toBe(10)
    const replacements = [...seen].filter((pid) => !original.has(pid))
    expect(replacements.length).toBeGreaterThanOrEqual(1)

    // SIGTERM: in-flight requests finish, each worker runs its shutdown hooks, the primary exits 0.
    const slow = fetchJson(`${url}/slow`)
    await new Promise((resolve) => setTimeout(resolve, 150))
    const exited = new Promise<number | null>((resolve) => cluster.child.once('exit', resolve))
    cluster.child.kill('SIGTERM')
    expect(await within(slow, 15_000, 'the in-flight request during SIGTERM', cluster.output)).toMatchObject({
      status: 200,
      body: { slow: true },
    })
    expect(await within(exited, 15_000, 'the primary exiting after SIGTERM', cluster.output)).toBe(0)
    expect(cluster.output().match(/shutdown hook ran in \d+/g)?.length).toBeGreaterThanOrEqual(4)
  })

  it('runs a second SIGHUP during a rolling restart as one more pass afterwards, ending with as many workers as asked for', {
    timeout: 120_000,
  }, async () => {
    const cluster = await within(startCluster(), 30_000, 'starting the cluster', () => '')
    child = cluster.child
    cluster.child.kill('SIGHUP')
    await new Promise((resolve) => setTimeout(resolve, 200)) // the first replacement is still starting
    cluster.child.kill('SIGHUP')

    // Two passes over two workers retire four; wait for them, then for 3 s without another exit.
    const exits = () => cluster.output().match(/workers after an exit: \d+/g) ?? []
    const settled = async () => {
      let seen = -1
      let quietSince = Date.now()
      while (exits().length < 4 || Date.now() - quietSince < 3_000) {
        if (exits().length !== seen) {
          seen = exits().length
          quietSince = Date.now()
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }
    await within(settled(), 60_000, 'both restarts ending', cluster.output)
    expect(exits(), cluster.output()).toHaveLength(4)
    expect(exits().at(-1), cluster.output()).toBe('workers after an exit: 2')

    const answers = await Promise.all(Array.from({ length: 12 }, () => fetchJson(`${cluster.url}/pid`)))
    expect(new Set(answers.map((r) => r.body.pid)).size).toBe(2)

    const exited = new Promise<number | null>((resolve) => cluster.child.once('exit', resolve))
    cluster.child.kill('SIGTERM')
    expect(await within(exited, 15_000, 'the primary exiting after SIGTERM', cluster.output)).toBe(0)
  })

  it('fails to start, without respawning, when the workers cannot start the app', async () => {
    const failure = await startCluster({ BROKEN: '1' }).then(
      () => 'started',
      (error: Error) => error.message,
    )
    expect(failure).toMatch(/cluster exited early \(1\)/)
    expect(failure).toMatch(/'missing'/)
  }, 60_000)
})
