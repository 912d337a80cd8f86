import { ConfigurationError, RestApplication } from 'restmachine'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

const User = z.object({ id: z.string(), name: z.string() })
const STORED = { id: 'u1', name: 'Ada', passwordHash: '$argon2id$secret' }

const get = (app: RestApplication, path: string) => app.fetch(new Request(`http://localhost${path}`))

describe('returns and route groups', () => {
  it('writes a grouped route’s own returns: undeclared properties are dropped', async () => {
    const app = new RestApplication()
    app.group({ prefix: '/users' }, (users) => {
      users.get('/{id}', () => STORED, { returns: User })
      users.get('/{id}/raw', () => STORED)
    })
    expect(await (await get(app, '/users/u1')).text()).toBe('{"id":"u1","name":"Ada"}')
    expect(await (await get(app, '/users/u1/raw')).json()).toEqual(STORED)
  })

  it('refuses returns on the group itself, at registration, naming the group', () => {
    const app = new RestApplication()
    let built = false
    expect(() =>
      app.group(
        // @ts-expect-error: GroupOptions has no returns (a group's routes answer different bodies)
        { prefix: '/users', returns: User },
        () => {
          built = true
        },
      ),
    ).toThrow(ConfigurationError)
    expect(() => app.group({ prefix: '/users', returns: User } as never, () => {})).toThrow(
      "group({ prefix: '/users' }): 'returns' is a route's option, not a group's",
    )
    expect(built).toBe(false)
  })
})
