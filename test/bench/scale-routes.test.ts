import FindMyWay from 'find-my-way'
import { describe, expect, it } from 'vitest'
import { routeSet, shuffledHits } from '../../bench/scale/routes.js'
import { parsePathTemplate, Router } from '../../src/router/index.js'

describe('the bench:scale route sets', () => {
  it('are half static, half parameterized, with one distinct hit path per route', () => {
    const routes = routeSet(100)
    expect(routes).toHaveLength(100)
    expect(routes.filter((r) => r.template === r.hit)).toHaveLength(50)
    expect(new Set(routes.map((r) => r.hit)).size).toBe(100)
  })

  it('send every hit to its own route in both RestMachine’s router and find-my-way', () => {
    const routes = routeSet(1000)
    const ours = new Router<number>()
    const fmw = FindMyWay()
    for (const r of routes) {
      ours.add(parsePathTemplate(r.template), r.index)
      fmw.on('GET', r.fastify, () => {}, { index: r.index })
    }
    for (const r of routes) {
      const match = ours.match(r.hit)
      expect(typeof match === 'object' ? match.value : match).toBe(r.index)
      expect(fmw.find('GET', r.hit)?.store).toEqual({ index: r.index })
    }
  })

  it('shuffle the hits without losing or repeating one', () => {
    const routes = routeSet(1000)
    const hits = shuffledHits(routes)
    expect(hits).not.toEqual(routes.map((r) => r.hit))
    expect([...hits].sort()).toEqual(routes.map((r) => r.hit).sort())
  })
})
