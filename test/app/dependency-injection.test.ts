import { ConfigurationError, RestApplication } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

describe('dependency injection', () => {
  it('injects dependencies into handlers and into each other by name', async () => {
    const app = new RestApplication()
      .dependency('greeting', () => 'Hello')
      .dependency('message', ({ greeting, queryParams }) => `${greeting}, ${queryParams.name ?? 'world'}!`)
    app.get('/greet', ({ message }) => ({ message }))
    const response = await createTestClient(app).get('/greet?name=Ada')
    expect(response.json()).toEqual({ message: 'Hello, Ada!' })
  })

  it('creates a request-scoped dependency once per request, however many need it', async () => {
    let created = 0
    const app = new RestApplication()
      .dependency('counter', () => ++created)
      .dependency('a', ({ counter }) => counter)
      .dependency('b', ({ counter }) => counter)
    app.get('/x', ({ a, b, counter }) => ({ a, b, counter }))
    const client = createTestClient(app)
    expect((await client.get('/x')).json()).toEqual({ a: 1, b: 1, counter: 1 })
    expect((await client.get('/x')).json()).toEqual({ a: 2, b: 2, counter: 2 })
  })

  it('creates startup values once, before the first request, and injects them everywhere', async () => {
    let connections = 0
    const app = new RestApplication()
      .onStartup('pool', async () => ({ id: ++connections }))
      .onStartup('repo', ({ pool }) => ({ pool }))
      .dependency('poolId', ({ pool }) => pool.id)
    app.get('/x', ({ poolId, repo }) => ({ poolId, same: repo.pool.id }))
    await app.start()
    expect(connections).toBe(1)
    const client = createTestClient(app)
    await client.get('/x')
    expect((await client.get('/x')).json()).toEqual({ poolId: 1, same: 1 })
    expect(connections).toBe(1)
  })

  it('awaits async dependencies', async () => {
    const app = new RestApplication().dependency('slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      return 42
    })
    app.get('/x', ({ slow }) => ({ slow }))
    expect((await createTestClient(app).get('/x')).json()).toEqual({ slow: 42 })
  })

  it('injects path parameters by name and as pathParams', async () => {
    const app = new RestApplication()
    app.get('/users/{user_id}/posts/{post_id}', ({ user_id, post_id, pathParams }) => ({
      user_id,
      post_id,
      pathParams,
    }))
    expect((await createTestClient(app).get('/users/7/posts/9')).json()).toEqual({
      user_id: '7',
      post_id: '9',
      pathParams: { user_id: '7', post_id: '9' },
    })
  })

  it('honours renames and defaults in the parameter pattern', async () => {
    const app = new RestApplication().dependency('limit', () => undefined as number | undefined)
    app.get('/x', ({ limit: max = 25, queryParams: q }) => ({ max, q }))
    expect((await createTestClient(app).get('/x?a=1')).json()).toEqual({ max: 25, q: { a: '1' } })
  })

  it('accepts an explicit inject list for functions that do not destructure', async () => {
    const app = new RestApplication().dependency('base', () => 2)
    const square = (context: { base: number }) => context.base ** 2
    app.dependency('squared', square, { inject: ['base'] })
    app.get('/x', (context) => ({ value: (context as unknown as { squared: number }).squared }), {
      inject: ['squared'],
    })
    expect((await createTestClient(app).get('/x')).json()).toEqual({ value: 4 })
  })

  it('runs shutdown hooks once with startup values injected', async () => {
    const closed: string[] = []
    const app = new RestApplication().onStartup('db', () => ({ name: 'main' }))
    app.onShutdown(({ db }) => {
      closed.push(db.name)
    })
    await app.start()
    await app.stop()
    await app.stop()
    expect(closed).toEqual(['main'])
  })
})

describe('dependency injection errors', () => {
  it('refuses at registration a function whose needs cannot be read, showing both fixes', () => {
    const app = new RestApplication()
    const notDestructured = (context: unknown) => context
    expect(() => app.dependency('user', notDestructured as never)).toThrow(ConfigurationError)
    expect(() => app.dependency('user', notDestructured as never)).toThrow(
      /destructure the one context argument[\s\S]*inject: \["database", "currentUser"\]/,
    )
  })

  it('refuses duplicate names, built-in names and names that are not identifiers', () => {
    const app = new RestApplication().dependency('user', () => 1)
    expect(() => app.dependency('user', () => 2)).toThrow(/already registered/)
    expect(() => app.dependency('headers' as string, () => 2)).toThrow(/built-in/)
    expect(() => app.dependency('current-user', () => 2)).toThrow(/identifier/)
    expect(() => app.dependency('constructor', () => 2)).toThrow(/Object.prototype/)
  })

  it('fails at start, not on a request, for an unknown name, naming the route and the closest names', async () => {
    const app = new RestApplication().dependency('currentUser', () => ({ id: '1' }))
    app.get('/profile', (({ curentUser }: { curentUser: unknown }) => curentUser) as never)
    await expect(app.start()).rejects.toThrow(
      "route GET /profile: 'the handler' needs 'curentUser', but nothing named 'curentUser' is registered. Did you mean 'currentUser'?",
    )
  })

  it('fails at start for a dependency cycle, showing its path', async () => {
    const app = new RestApplication()
    app.dependency('a', (({ b }: { b: unknown }) => b) as never)
    app.dependency('b', (({ c }: { c: unknown }) => c) as never)
    app.dependency('c', (({ a }: { a: unknown }) => a) as never)
    await expect(app.start()).rejects.toThrow(/dependency cycle a → b → c → a/)
  })

  it('names the route, the dependency, the missing name and the closest names when a dependency needs an unknown name', async () => {
    const app = new RestApplication()
    app.onStartup('sessionStore', () => new Map<string, string>())
    app.dependency('session', (({ sesionStore }: { sesionStore: unknown }) => sesionStore) as never)
    app.dependency('currentUser', (({ session }: { session: unknown }) => session) as never)
    app.get('/profile', (({ currentUser }: { currentUser: unknown }) => currentUser) as never)
    app.get('/health', () => 'ok')
    await expect(app.start()).rejects.toThrow(
      "route GET /profile → dependency('session'): 'session' needs 'sesionStore', but nothing named 'sesionStore' is registered. Did you mean 'sessionStore'?",
    )
  })

  it('names the route when a startup value needs an unknown name', async () => {
    const app = new RestApplication()
    app.onStartup('config', () => ({ url: 'memory:' }))
    app.onStartup('database', (({ confg }: { confg: unknown }) => confg) as never)
    app.dependency('items', (({ database }: { database: unknown }) => database) as never)
    app.get('/items', (({ items }: { items: unknown }) => items) as never)
    await expect(app.start()).rejects.toThrow(
      "route GET /items → onStartup('database'): 'database' needs 'confg', but nothing named 'confg' is registered. Did you mean 'config'?",
    )
  })

  it('names the first three routes and counts the others that reach a dependency cycle', async () => {
    const app = new RestApplication()
    app.dependency('a', (({ b }: { b: unknown }) => b) as never)
    app.dependency('b', (({ c }: { c: unknown }) => c) as never)
    app.dependency('c', (({ a }: { a: unknown }) => a) as never)
    app.dependency('viaC', (({ c }: { c: unknown }) => c) as never)
    app.get('/one', (({ a }: { a: unknown }) => a) as never)
    app.get('/two', (({ viaC }: { viaC: unknown }) => viaC) as never)
    app.get('/free', () => 'no dependencies')
    app.post('/three', () => 3, { requires: ['b'] } as never)
    app.delete('/four', (({ c }: { c: unknown }) => c) as never)
    app.put('/five', (() => 5) as never, { conflict: (({ a }: { a: unknown }) => a !== undefined) as never })
    await expect(app.start()).rejects.toThrow(
      "routes GET /one, GET /two, POST /three and 2 more → dependency('a'): dependency cycle a → b → c → a",
    )
  })

  it('keeps the message of a broken dependency that no route uses', async () => {
    const app = new RestApplication()
    app.dependency('unused', (({ nothing }: { nothing: unknown }) => nothing) as never)
    app.get('/free', () => 'ok')
    await expect(app.start()).rejects.toThrow(
      /^dependency\('unused'\): 'unused' needs 'nothing', but nothing named 'nothing' is registered\.$/,
    )
  })

  it('reads a dependency whose default is a regular expression containing a closing brace', async () => {
    const app = new RestApplication()
    app.dependency('subject', () => 'a}b')
    // `pattern` is registered but has no value, so the regular expression default applies.
    app.dependency('pattern', () => undefined)
    const matcher = new Function('return ({ pattern = /[}]/, subject }) => pattern.test(subject)')()
    app.dependency('matches', matcher as never)
    app.get('/match', (({ matches }: { matches: boolean }) => ({ matches })) as never)
    const response = await createTestClient(app).get('/match')
    expect(response.json()).toEqual({ matches: true })
  })

  it('fails at start when a path parameter has the name of a dependency', async () => {
    const app = new RestApplication().dependency('post_id', () => 'x')
    app.get('/posts/{post_id}', () => null)
    await expect(app.start()).rejects.toThrow(
      /path parameter 'post_id' has the name of a registered injectable/,
    )
  })

  it('fails at start when a startup value injects a request-scoped one', async () => {
    const app = new RestApplication().dependency('user', () => 1)
    app.onStartup('cache', (({ user }: { user: number }) => user) as never)
    await expect(app.start()).rejects.toThrow(/onStartup\('cache'\) injects 'user', which is request-scoped/)
  })

  it('refuses registrations after start', async () => {
    const app = new RestApplication()
    await app.start()
    expect(() => app.get('/late', () => null)).toThrow(/already started/)
  })
})

describe('functions that carry their own inject list', () => {
  it('are injected by the names attached under INJECT', async () => {
    const { INJECT } = await import('restmachine')
    const pick = (name: string) =>
      Object.assign((context: Record<string, unknown>) => context[name], { [INJECT]: [name] })
    const app = new RestApplication().dependency('principal', () => ({ id: '7' }))
    app.dependency('owner', pick('principal') as never)
    app.get('/x', (({ owner }: { owner: unknown }) => owner) as never)
    expect((await createTestClient(app).get('/x')).json()).toEqual({ id: '7' })
  })
})
