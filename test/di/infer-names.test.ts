import { describe, expect, it } from 'vitest'
import { inferInjectedNames } from '../../src/di/infer-names.js'

type AnyFn = (...args: never[]) => unknown
const names = (fn: AnyFn) => inferInjectedNames(fn)
/** Builds a function from source text, as a bundler or minifier would have emitted it. */
const fromSource = (source: string) => new Function(`return (${source})`)() as AnyFn

describe('inferInjectedNames', () => {
  it('reads the keys of a destructured arrow parameter', () => {
    expect(names(({ a, b }: { a: 1; b: 2 }) => [a, b])).toEqual({ ok: true, names: ['a', 'b'] })
  })

  it('reads keys through renames and defaults, not the local names', () => {
    const fn = ({
      database: db,
      limit = 10,
      other: { nested } = { nested: 1 },
    }: {
      database?: 1
      limit?: number
      other?: { nested: number }
    }) => [db, limit, nested]
    expect(names(fn as AnyFn)).toEqual({ ok: true, names: ['database', 'limit', 'other'] })
  })

  it('reads async arrows, function expressions, methods and generator functions', () => {
    const obj = {
      method({ m }: { m: 1 }) {
        return m
      },
    }
    expect(names(async ({ x }: { x: 1 }) => x)).toEqual({ ok: true, names: ['x'] })
    expect(
      names(function named({ y }: { y: 1 }) {
        return y
      }),
    ).toEqual({ ok: true, names: ['y'] })
    expect(names(obj.method)).toEqual({ ok: true, names: ['m'] })
    expect(
      names(function* gen({ g }: { g: 1 }) {
        yield g
      }),
    ).toEqual({ ok: true, names: ['g'] })
  })

  it('survives defaults containing strings, braces, template literals and comments', () => {
    const source = [
      "({ a = '}', b = `x$",
      '{ {c: 1}.c }`, /* d, */ e = (1, 2), f = { g: [1, 2] } }) => 0',
    ].join('')
    const fn = fromSource(source)
    expect(names(fn)).toEqual({ ok: true, names: ['a', 'b', 'e', 'f'] })
  })

  it('reads minified code, where keys survive and locals are renamed', () => {
    const fn = fromSource('(async({currentUser:e,database:t})=>e)')
    expect(names(fn)).toEqual({ ok: true, names: ['currentUser', 'database'] })
  })

  it('reads quoted keys', () => {
    const fn = fromSource(`({ "quoted": q, 'single': s }) => q`)
    expect(names(fn)).toEqual({ ok: true, names: ['quoted', 'single'] })
  })

  it('accepts functions without parameters', () => {
    expect(names(() => 1)).toEqual({ ok: true, names: [] })
    expect(names(async () => 1)).toEqual({ ok: true, names: [] })
  })

  it('refuses a plain parameter, a rest element, computed keys and several parameters', () => {
    expect(names(((context: unknown) => context) as AnyFn)).toEqual({ ok: false, reason: 'not-destructured' })
    expect(names(((c: unknown) => c) as AnyFn)).toEqual({ ok: false, reason: 'not-destructured' })
    expect(names((({ ...all }: Record<string, unknown>) => all) as AnyFn)).toEqual({
      ok: false,
      reason: 'rest-element',
    })
    const key = 'k'
    expect(names((({ [key]: v }: Record<string, unknown>) => v) as AnyFn)).toEqual({
      ok: false,
      reason: 'computed-key',
    })
    expect(names((({ a }: { a: 1 }, b: 2) => [a, b]) as AnyFn)).toEqual({
      ok: false,
      reason: 'several-parameters',
    })
  })

  it('refuses bound and native functions that take arguments', () => {
    const bound = (({ a }: { a: 1 }) => a).bind(null)
    expect(names(bound as AnyFn)).toEqual({ ok: false, reason: 'unreadable' })
  })
})

describe('inferInjectedNames on defaults that look like the end of the pattern', () => {
  // Each source is compiled by the JavaScript engine itself (so each is valid code), then read back.
  // biome-ignore-start lint/suspicious/noTemplateCurlyInString: template literals in the sources are the point
  const cases: [string, string[]][] = [
    ['({ a = /[}]/, b }) => a', ['a', 'b']],
    ['({ a = /}/, b }) => a', ['a', 'b']],
    ['({ a = /\\}/g, b }) => a', ['a', 'b']],
    ['({ a = /[/}]/u, b }) => a', ['a', 'b']],
    ['({ a = /,\\/}/, b = /{/ }) => a', ['a', 'b']],
    ['({ a = /[\\]}]/, b }) => a', ['a', 'b']],
    ['({ a = 10 / 2, b = 4 / 2 / 1 }) => a', ['a', 'b']],
    ['({ a = (8) / 2, b = [4][0] / 2 }) => a', ['a', 'b']],
    ['({ a = x => /}/.test(x), b }) => a', ['a', 'b']],
    ['({ a = () => { return /}/ }, b }) => a', ['a', 'b']],
    ['({ a = typeof /}/, b }) => a', ['a', 'b']],
    ['({ a = [/}/, /,/], b }) => a', ['a', 'b']],
    ['({ a = true ? /}/ : /{/, b }) => a', ['a', 'b']],
    ['({ a = `}${"}"}`, b }) => a', ['a', 'b']],
    ['({ a = `${ { k: "}" }.k }`, b }) => a', ['a', 'b']],
    ['({ a = `${ `${ "}" }` }}`, b }) => a', ['a', 'b']],
    ['({ a = `${ /}/.source }`, b }) => a', ['a', 'b']],
    ['({ a = `\\${ not a substitution }`, b }) => a', ['a', 'b']],
    ['({ a = \'\\\'}\', b = "\\"}" }) => a', ['a', 'b']],
    ['({ a = /* } */ 1, /* , c */ b // }\n }) => a', ['a', 'b']],
    ['({ a = "// }", b = "/* }" }) => a', ['a', 'b']],
    ['({ a: { x = /}/ } = {}, b }) => a', ['a', 'b']],
    ['({ a = /}/ } = { a: /{/ }) => a', ['a']],
    ['function ({ a = /[}]/, b }) { return a }', ['a', 'b']],
    ['async function named({ a = /}/, "b-c": d }) { return a }', ['a', 'b-c']],
    ['({a=/[}]/,b:c=/,/g})=>a', ['a', 'b']],
  ]
  // biome-ignore-end lint/suspicious/noTemplateCurlyInString: template literals in the sources are the point

  for (const [source, expected] of cases) {
    it(`reads ${JSON.stringify(expected)} from ${source.replace(/\n/g, '\\n')}`, () => {
      expect(names(fromSource(source))).toEqual({ ok: true, names: expected })
    })
  }
})
