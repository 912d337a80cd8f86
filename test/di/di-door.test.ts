import { describe, expect, it } from 'vitest'
import {
  checkNameFree,
  groupByPhase,
  isLater,
  latestPhase,
  orderStartup,
  type Provider,
  type ProviderKind,
  ProviderRegistry,
  startupProvider,
} from '../../src/di/index.js'
import { ConfigurationError } from '../../src/errors/index.js'

function provider(name: string, kind: ProviderKind, inject: string[] = [], readsBody = false): Provider {
  return { name, kind, inject, readsBody, resolve: () => name }
}

describe('phases', () => {
  it('puts each kind of provider in the phase of the node that resolves it', () => {
    const { steps } = groupByPhase([
      provider('request', 'builtin'),
      provider('db', 'startup'),
      provider('user', 'authorized'),
      provider('audit', 'dependency'),
      provider('notBanned', 'forbidden'),
      provider('post', 'resource'),
      provider('input', 'validator'),
    ])
    const names = (list: readonly Provider[]) => list.map((p) => p.name)
    expect(names(steps.seed)).toEqual(['request', 'db'])
    expect(names(steps.authorize)).toEqual(['user', 'audit'])
    expect(names(steps.forbid)).toEqual(['notBanned'])
    expect(names(steps.resource)).toEqual(['post'])
    expect(names(steps.input)).toEqual(['input'])
  })

  it('moves a dependency to the latest phase of what it injects, and to input when it reads the body', () => {
    const { steps, phases } = groupByPhase([
      provider('post', 'resource'),
      provider('author', 'dependency', ['post']),
      provider('jsonBody', 'builtin', [], true),
      provider('draft', 'dependency', ['jsonBody']),
    ])
    expect(steps.resource.map((p) => p.name)).toEqual(['post', 'author'])
    expect(steps.input.map((p) => p.name)).toEqual(['jsonBody', 'draft'])
    expect(phases.get('author')).toBe('resource')
    expect(latestPhase(['author', 'pathOnly'], phases)).toBe('resource')
    expect(latestPhase([], phases)).toBe('seed')
  })

  it('orders phases as a request meets them', () => {
    expect(isLater('input', 'resource')).toBe(true)
    expect(isLater('authorize', 'forbid')).toBe(false)
    expect(isLater('seed', 'seed')).toBe(false)
  })
})

describe('startup scope', () => {
  const factory = (name: string, inject: string[] = []) => ({ name, inject, create: () => name })

  it('returns startup values in the order they can be created', () => {
    const providers = new Map([
      ['cache', provider('cache', 'startup', ['config'])],
      ['config', provider('config', 'startup')],
    ])
    const factories = new Map([
      ['cache', factory('cache', ['config'])],
      ['config', factory('config')],
    ])
    expect(orderStartup(providers, factories, []).map((f) => f.name)).toEqual(['config', 'cache'])
  })

  it('refuses a startup value or a shutdown hook that injects a request-scoped name', () => {
    const providers = new Map([
      ['db', provider('db', 'startup', ['user'])],
      ['user', provider('user', 'authorized')],
    ])
    expect(() => orderStartup(providers, new Map([['db', factory('db', ['user'])]]), [])).toThrow(
      new ConfigurationError(
        "onStartup('db') injects 'user', which is request-scoped; startup values and shutdown hooks may inject only other onStartup values",
      ),
    )
    expect(() => orderStartup(providers, new Map(), [{ inject: ['user'], run: () => undefined }])).toThrow(
      /an onShutdown hook injects 'user', which is request-scoped/,
    )
  })
})

describe('registry names', () => {
  const providers = new Map([
    ['request', provider('request', 'builtin')],
    ['db', provider('db', 'dependency')],
  ])

  it('refuses a name taken by a built-in, by pathParams, or by another registration', () => {
    expect(() => checkNameFree(providers, 'request', "dependency('request')")).toThrow(
      "dependency('request'): 'request' is already a built-in injectable; choose another name",
    )
    expect(() => checkNameFree(providers, 'pathParams', "dependency('pathParams')")).toThrow(
      /a built-in injectable/,
    )
    expect(() => checkNameFree(providers, 'db', "dependency('db')")).toThrow("'db' is already registered")
  })

  it('refuses a name that cannot be destructured or shadows Object.prototype', () => {
    expect(() => checkNameFree(providers, 'current-user', 'x')).toThrow('is not a JavaScript identifier')
    expect(() => checkNameFree(providers, 'constructor', 'x')).toThrow('is a member of Object.prototype')
    expect(() => checkNameFree(providers, 'currentUser', 'x')).not.toThrow()
  })

  it('keeps one provider per name in a registry that starts with the built-ins', () => {
    const registry = new ProviderRegistry()
    expect(registry.get('request')?.kind).toBe('builtin')
    registry.claim('db', "onStartup('db')")
    registry.register(provider('db', 'startup'))
    expect([...registry.keys()]).toContain('db')
    expect(() => registry.claim('db', "dependency('db')")).toThrow(
      "dependency('db'): 'db' is already registered",
    )
    expect(() => registry.claim('request', "dependency('request')")).toThrow(/a built-in injectable/)
    expect(() => registry.claim('pathParams', "dependency('pathParams')")).toThrow(/a built-in injectable/)
  })

  it('gives a startup value as made at start, read when injected', () => {
    const values: Record<string, unknown> = {}
    const db = startupProvider('db', [], values)
    values.db = 'connected'
    expect(db.kind).toBe('startup')
    expect(db.resolve({}, undefined as never)).toBe('connected')
  })
})
