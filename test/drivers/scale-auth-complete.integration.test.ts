import { expect, it } from 'vitest'
import { describeWithRedis } from '../support/redis.js'
import {
  killAndRestartUnderLoad,
  postJson,
  SCALE_RUNS as runs,
  topologyFor,
  USERS,
  unexplainedFailures,
  untilEveryInstanceAnswers,
} from './scale-support.js'

const LOGIN_LIMIT = 8

describeWithRedis('examples/scale: auth-complete (JWT, rate limit in Redis) behind nginx', (redisUrl) => {
  const topology = topologyFor('examples/auth-complete.ts', redisUrl, {
    LOGIN_RATE_LIMIT: String(LOGIN_LIMIT),
  })

  it.runIf(runs)(
    'keeps every user signed in and loses no request but those in flight while one instance is killed and restarted',
    async () => {
      const tokens: string[] = []
      for (const email of USERS) {
        const login = await postJson(`${topology().url}/login`, { email, password: 'secret' })
        expect(login.status).toBe(200)
        tokens.push((login.json as { access_token: string }).access_token)
      }
      const report = await killAndRestartUnderLoad(
        topology(),
        '/profile',
        tokens.map((token) => ({ authorization: `Bearer ${token}` })),
      )
      expect(report.samples.length).toBeGreaterThan(200)
      expect(report.samples.filter((s) => s.status === 401)).toEqual([])
      expect(unexplainedFailures(report)).toEqual([])
      const after = report.samples.filter((s) => s.start > report.restartedAt)
      expect(after.some((s) => s.upstream.endsWith(`:${report.victimPort}`))).toBe(true)
    },
    60_000,
  )

  it.runIf(runs)(
    'enforces the login rate limit across instances',
    async () => {
      // The two logins above spent two attempts; the rest go round-robin over both instances.
      await untilEveryInstanceAnswers(topology())
      const attempts = []
      for (let i = 0; i < LOGIN_LIMIT; i++) {
        attempts.push(await postJson(`${topology().url}/login`, { email: USERS[1], password: 'wrong' }))
      }
      const allowed = LOGIN_LIMIT - 2
      expect(attempts.slice(0, allowed).map((a) => a.status)).toEqual(Array(allowed).fill(401))
      expect(attempts.slice(allowed).map((a) => a.status)).toEqual([429, 429])
      expect(new Set(attempts.map((a) => a.upstream)).size).toBe(2)
    },
    60_000,
  )
})
