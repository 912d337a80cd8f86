import { type RunningServer, serve } from 'restmachine/node'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createApp as createJwtApp } from '../../examples/auth/jwt.js'
import { createApp as createSessionsApp } from '../../examples/auth/sessions.js'
import { cookiePair } from '../auth/support/http.js'
import { deleteRedisKeys, describeWithRedis, uniqueRedisPrefix } from '../support/redis.js'

// Two instances of an example that share nothing but Redis — the property examples/scale relies on
// (scale-auth-complete.integration.test.ts runs the process-level version behind nginx). Instances here are
// in one process to keep the suite fast; each has its own app, startup values and Redis connection.
const LOW_COST = { memoryCost: 1024, timeCost: 1 }
const SECRET = 'shared-state-secret-long-enough-for-hs256!!'

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  return { status: response.status, cookies: response.headers.getSetCookie(), json: await response.json() }
}

function twoInstances(
  create: (redisUrl: string, prefix: string) => Parameters<typeof serve>[0],
  redisUrl: string,
) {
  const prefix = uniqueRedisPrefix('shared-state')
  const servers: RunningServer[] = []
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      servers.push(await serve(create(redisUrl, prefix), { port: 0, handleSignals: false }))
    }
  })
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()))
    await deleteRedisKeys(redisUrl, prefix)
  })
  return (): [RunningServer, RunningServer] => {
    const [first, second] = servers
    if (first === undefined || second === undefined)
      throw new Error('expected two serving instances (beforeAll)')
    return [first, second]
  }
}

describeWithRedis('examples/auth/sessions.ts on two instances sharing Redis', (redisUrl) => {
  const instances = twoInstances(
    (url, prefix) => createSessionsApp({ redisUrl: url, redisPrefix: prefix, passwordCost: LOW_COST }),
    redisUrl,
  )

  it('accepts a session started on one instance on the other, even after the first is gone', async () => {
    const [a, b] = instances()
    // A browser sends its page's Origin with the POST; here the page is the first instance's.
    const login = await post(
      `${a.url}/login`,
      { email: 'bob@example.com', password: 'secret' },
      { origin: a.url },
    )
    expect(login.status).toBe(200)
    const cookie = cookiePair(login.cookies.find((c) => c.startsWith('session_id=')) ?? null)
    const onB = await fetch(`${b.url}/profile`, { headers: { cookie } })
    expect(onB.status).toBe(200)
    expect(await onB.json()).toMatchObject({ user: { email: 'bob@example.com' } })
    await a.close()
    expect((await fetch(`${b.url}/profile`, { headers: { cookie } })).status).toBe(200)
  })
})

describeWithRedis('examples/auth/jwt.ts refresh tokens on two instances sharing Redis', (redisUrl) => {
  const instances = twoInstances(
    (url, prefix) =>
      createJwtApp({ jwtSecret: SECRET, redisUrl: url, redisPrefix: prefix, passwordCost: LOW_COST }),
    redisUrl,
  )

  it('rotates on either instance and detects reuse of a rotated token on the other', async () => {
    const [a, b] = instances()
    const login = await post(`${a.url}/login`, { email: 'alice@example.com', password: 'secret' })
    expect(login.status).toBe(200)
    const first = login.json.refresh_token as string
    const rotated = await post(`${b.url}/refresh`, { refresh_token: first })
    expect(rotated.status).toBe(200)
    const again = await post(`${a.url}/refresh`, { refresh_token: rotated.json.refresh_token })
    expect(again.status).toBe(200)
    // The first token was already used: theft. Refused, and the family (the newest token too) revoked.
    expect((await post(`${a.url}/refresh`, { refresh_token: first })).status).toBe(401)
    expect((await post(`${b.url}/refresh`, { refresh_token: again.json.refresh_token })).status).toBe(401)
  })
})
