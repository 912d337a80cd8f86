import { describe, expect, it } from 'vitest'
import { type InferredNamesCache, readInjection } from '../../src/di/index.js'

type AnyFn = (...args: never[]) => unknown
/** Builds a function from source text, so that two functions share their text but not their identity. */
const fromSource = (source: string) => new Function(`return (${source})`)() as AnyFn

describe('readInjection with a cache of inferred names', () => {
  it('infers the names of functions with the same source text once, keyed by that text', () => {
    const cache: InferredNamesCache = new Map()
    const first = readInjection(fromSource('({ database, user }) => 1'), undefined, 'a', 'FN', cache)
    const second = readInjection(fromSource('({ database, user }) => 1'), undefined, 'b', 'FN', cache)
    expect(first).toEqual(['database', 'user'])
    expect(second).toEqual(['database', 'user'])
    expect([...cache.keys()]).toEqual(['({ database, user }) => 1'])
  })

  it('still reports an unreadable function for each owner when its source was seen before', () => {
    const cache: InferredNamesCache = new Map()
    expect(() => readInjection(fromSource('(context) => 1'), undefined, 'first', 'FN', cache)).toThrow(
      /first: cannot tell/,
    )
    expect(cache.size).toBe(1)
    expect(() => readInjection(fromSource('(context) => 1'), undefined, 'second', 'FN', cache)).toThrow(
      /second: cannot tell/,
    )
  })

  it('does not key native or bound functions by their text, which says nothing of their parameters', () => {
    const cache: InferredNamesCache = new Map()
    const noParameters = (() => 1).bind(null)
    const oneParameter = ((context: unknown) => context).bind(null)
    expect(readInjection(noParameters, undefined, 'bound', 'FN', cache)).toEqual([])
    expect(() => readInjection(oneParameter as AnyFn, undefined, 'bound', 'FN', cache)).toThrow(
      /its source cannot be read/,
    )
    expect(cache.size).toBe(0)
  })

  it('prefers an explicit inject list to anything cached for the same text', () => {
    const cache: InferredNamesCache = new Map()
    readInjection(fromSource('({ a }) => a'), undefined, 'x', 'FN', cache)
    expect(readInjection(fromSource('({ a }) => a'), { inject: ['b'] }, 'x', 'FN', cache)).toEqual(['b'])
  })
})
