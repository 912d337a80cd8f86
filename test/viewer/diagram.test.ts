import { describe, expect, it } from 'vitest'
import { DIAGRAM } from '../../src/machine/index.js'
import { diagramLayout, diagramSvg, isLoopback, TraceBuffer } from '../../src/viewer/index.js'

describe('the viewer’s diagram', () => {
  const layout = diagramLayout()

  it('draws every node of the table, and every edge of each to its target', () => {
    expect(layout.nodes.map((box) => box.key)).toEqual(DIAGRAM.map((node) => node.id))
    expect(layout.edges).toHaveLength(DIAGRAM.length * 2)
    for (const edge of layout.edges) expect(edge.to, edge.key).toBeDefined()
    const svg = diagramSvg(layout)
    for (const node of DIAGRAM) expect(svg).toContain(`data-node="${node.id}"`)
    expect(svg).toContain('data-edge="B8&#62;S401"')
    expect(svg).toContain('data-terminal="THREW"')
  })

  it('places every node below the nodes leading to it, and no two boxes on the same spot', () => {
    const boxes = new Map([...layout.nodes, ...layout.terminals].map((box) => [box.key, box]))
    for (const edge of layout.edges) {
      if (edge.to.width === edge.from.width) expect(edge.to.y, edge.key).toBeGreaterThan(edge.from.y)
    }
    const spots = [...boxes.values()].map((box) => `${box.x},${box.y}`)
    expect(new Set(spots).size).toBe(spots.length)
  })

  it('draws a terminal per status of the table, plus RENDERED, OPTIONS and THREW', () => {
    const statuses = new Set(
      DIAGRAM.flatMap((node) => [node.onTrue, node.onFalse]).flatMap((target) =>
        typeof target === 'object' ? [`S${target.status}`] : [],
      ),
    )
    expect(layout.terminals.map((box) => box.key).sort()).toEqual(
      [...statuses, 'RENDERED', 'OPTIONS', 'THREW'].sort(),
    )
  })
})

describe('the viewer’s loopback check', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['::FFFF:127.0.0.1', true],
    ['192.0.2.2', false],
    ['::ffff:192.0.2.2', false],
    ['fd00::2', false],
    ['1127.0.0.1', false],
    ['127.0.0.1.example', false],
  ])('%s is loopback: %s', (address, loopback) => {
    expect(isLoopback(address)).toBe(loopback)
  })
})

describe('the viewer’s ring of traces', () => {
  it('keeps the last items up to its limit, newest first', () => {
    const ring = new TraceBuffer<number>(3)
    expect(ring.newestFirst()).toEqual([])
    ring.add(1)
    ring.add(2)
    expect(ring.newestFirst()).toEqual([2, 1])
    for (const item of [3, 4, 5, 6, 7]) ring.add(item)
    expect(ring.newestFirst()).toEqual([7, 6, 5])
  })
})
