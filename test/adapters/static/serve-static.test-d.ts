import { RestApplication } from 'restmachine'
import { serveStatic } from 'restmachine/node'
import { describe, expectTypeOf, it } from 'vitest'

describe('serveStatic types', () => {
  it('takes an application of any context and gives it back with its type', () => {
    const app = new RestApplication()
      .onStartup('database', () => new Map<string, string>())
      .dependency('user', ({ database }) => database.get('me'))
    const returned = serveStatic(app, '/assets', { root: '.' })
    expectTypeOf(returned).toEqualTypeOf(app)
  })

  it('refuses an unknown option and a coding without siblings', () => {
    const app = new RestApplication()
    // @ts-expect-error: no such option
    serveStatic(app, '/', { root: '.', folder: 'x' })
    // @ts-expect-error: deflate has no precompressed sibling extension
    serveStatic(app, '/', { root: '.', precompressed: ['deflate'] })
  })
})
