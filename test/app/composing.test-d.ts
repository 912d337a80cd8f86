import { RestApplication, type StartupValues } from 'restmachine'
import { describe, expectTypeOf, it } from 'vitest'

function rootApp() {
  return new RestApplication()
    .onStartup('database', () => ({ repos: ['site'] }))
    .dependency('currentUser', () => ({ id: '1' }))
}

describe('types across a mount and a group', () => {
  it('gives a mounted application the parent startup values and the prefix parameters, typed', () => {
    rootApp().mount('/orgs/{org}', (orgs) =>
      orgs
        .dependency('owner', ({ database }) => database.repos[0] ?? 'nobody')
        .get('/repos/{repo}', ({ org, repo, database, owner, pathParams }) => {
          expectTypeOf(org).toEqualTypeOf<string>()
          expectTypeOf(repo).toEqualTypeOf<string>()
          expectTypeOf(pathParams).toEqualTypeOf<Readonly<{ org: string; repo: string }>>()
          expectTypeOf(database).toEqualTypeOf<{ repos: string[] }>()
          expectTypeOf(owner).toEqualTypeOf<string>()
          return null
        }),
    )
  })

  it('keeps the parent request dependencies out of a mounted application', () => {
    rootApp().mount('/api', (api) =>
      // @ts-expect-error currentUser is the parent's request dependency, not visible here
      api.get('/me', ({ currentUser }) => currentUser),
    )
  })

  it('refuses a path parameter the prefix does not have', () => {
    rootApp().mount('/orgs/{org}', (orgs) =>
      // @ts-expect-error no parameter 'team' in '/orgs/{org}/repos'
      orgs.get('/repos', ({ team }) => team),
    )
  })

  it('types a separately built application with StartupValues of its parent', () => {
    const app = rootApp()
    const api = new RestApplication<StartupValues<typeof app>>().get('/repos', ({ database }) => {
      expectTypeOf(database).toEqualTypeOf<{ repos: string[] }>()
      return database.repos
    })
    app.mount('/api', api)
    expectTypeOf<StartupValues<typeof app>>().toEqualTypeOf<{ readonly database: { repos: string[] } }>()
  })

  it('mounts an application built for a prefix at that prefix only', () => {
    const app = rootApp()
    const teams = new RestApplication<object, object, '/teams/{team}'>().get('/members', ({ team }) => team)
    app.mount('/teams/{team}', teams)
    // @ts-expect-error its handlers read 'team', which '/other' does not have
    app.mount('/other', teams)
  })

  it('nests prefixes: a mount inside a mount sees both parameters', () => {
    rootApp().mount('/orgs/{org}', (orgs) =>
      orgs.mount('/teams/{team}', (teams) =>
        teams.get('/members', ({ org, team, database }) => {
          expectTypeOf(org).toEqualTypeOf<string>()
          expectTypeOf(team).toEqualTypeOf<string>()
          expectTypeOf(database).toEqualTypeOf<{ repos: string[] }>()
          return null
        }),
      ),
    )
  })

  it('types a group prefix parameter and checks requires against the context', () => {
    const app = rootApp()
    app.group({ prefix: '/users/{userId}', requires: ['currentUser'] }, (users) => {
      users.get('/posts/{postId}', ({ userId, postId, currentUser }) => {
        expectTypeOf(userId).toEqualTypeOf<string>()
        expectTypeOf(postId).toEqualTypeOf<string>()
        expectTypeOf(currentUser).toEqualTypeOf<{ id: string }>()
        return null
      })
      users.group({ prefix: '/drafts' }, (drafts) => {
        drafts.get('/{draftId}', ({ userId, draftId }) => `${userId}/${draftId}`)
      })
    })
    // @ts-expect-error 'nobody' is not a registered name
    app.group({ requires: ['nobody'] }, () => {})
  })
})
