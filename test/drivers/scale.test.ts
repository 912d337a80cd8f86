import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTopology, type Topology } from '../../examples/scale/topology.js'
import { deleteRedisKeys, describeWithRedis, uniqueRedisPrefix } from '../support/redis.js'

const NGINX = spawnSync('nginx', ['-v']).error === undefined
const LOGIN_LIMIT = 8

interface Sample {
  start: number
  end: number
  status: number
  upstream: string
}

async function timed(url: string, init?: RequestInit): Promise<Sample> {
  const start = Date.now()
  try {
    const response = await fetch(url, init)
    await response.arrayBuffer()
    return {
      start,
      end: Date.now(),
      status: response.status,
      upstream: response.headers.get('x-upstream') ?? '',
    }
  } catch {
    return { start, end: Date.now(), status: 0, upstream: '' }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describeWithRedis('examples/scale: auth-complete instances behind nginx, sharing Redis', (redisUrl) => {
  const prefix = uniqueRedisPrefix('scale')
  let topology: Topology | undefined
  const tokens: string[] = []

  beforeAll(async () => {
    if (!NGINX) {
      if (process.env.CI !== undefined) throw new Error('nginx is missing: .ci/run installs it')
      return
    }
    topology = await startTopology({
      instances: 2,
      port: 0,
      redisUrl,
      redisPrefix: prefix,
      env: { LOGIN_RATE_LIMIT: String(LOGIN_LIMIT), LOGIN_RATE_WINDOW: '900' },
    })
    for (const email of ['alice@example.com', 'bob@example.com']) {
      const login = await fetch(`${topology.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'secret' }),
      })
      expect(login.status).toBe(200)
      tokens.push(((await login.json()) as { access_token: string }).access_token)
    }
  }, 60_000)

  afterAll(async () => {
    await topology?.stop()
    await deleteRedisKeys(redisUrl, prefix)
  })

  it.skipIf(!NGINX && process.env.CI === undefined)(
    'keeps every user signed in and loses no request but those in flight while one instance is killed and restarted',
    async () => {
      const t = topology as Topology
      const samples: Sample[] = []
      let running = true
      const loop = async (worker: number) => {
        for (let n = worker; running; n++) {
          const token = tokens[n % tokens.length]
          samples.push(await timed(`${t.url}/profile`, { headers: { authorization: `Bearer ${token}` } }))
        }
      }
      const loops = [0, 1, 2, 3].map(loop)
      await sleep(800)
      const victim = t.instances[0]!
      const killedAt = Date.now()
      await victim.kill('SIGKILL')
      await sleep(1200)
      await victim.restart()
      const restartedAt = Date.now()
      await sleep(3000)
      running = false
      await Promise.all(loops)

      expect(samples.length).toBeGreaterThan(200)
      // Nobody was logged out: the token is valid on every instance, before and after the restart.
      expect(samples.filter((s) => s.status === 401)).toEqual([])
      // Failures, if any, are requests that were in flight on the killed instance.
      const failed = samples.filter((s) => s.status !== 200)
      for (const failure of failed) expect(failure.start <= killedAt && failure.end >= killedAt).toBe(true)
      // Traffic came back to the restarted instance.
      const after = samples.filter((s) => s.start > restartedAt)
      expect(after.some((s) => s.upstream.endsWith(`:${victim.port}`))).toBe(true)
      expect(new Set(samples.map((s) => s.upstream.split(', ').pop())).size).toBe(2)
    },
    30_000,
  )

  it.skipIf(!NGINX && process.env.CI === undefined)(
    'enforces the login rate limit across instances',
    async () => {
      const t = topology as Topology
      const attempts: Sample[] = []
      // Two of the limit were spent by the logins above; the rest go round-robin over both instances.
      for (let i = 0; i < LOGIN_LIMIT; i++) {
        attempts.push(
          await timed(`${t.url}/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'bob@example.com', password: 'wrong' }),
          }),
        )
      }
      const allowed = LOGIN_LIMIT - 2
      expect(attempts.slice(0, allowed).map((a) => a.status)).toEqual(Array(allowed).fill(401))
      expect(attempts.slice(allowed).map((a) => a.status)).toEqual([429, 429])
      expect(new Set(attempts.map((a) => a.upstream)).size).toBe(2)
    },
    30_000,
  )
})
