import { describe, expect, it } from 'vitest'
import { reasonPhrase } from '../../src/http/status-codes.js'
import type { NodeId, StatusOutcome, Target } from '../../src/machine/decision-node.js'
import { APP_ENTRY_NODE, DIAGRAM, DIAGRAM_NODES, ROUTE_ENTRY_NODE } from '../../src/machine/diagram.js'

const ids = new Set<string>(Object.keys(DIAGRAM_NODES))
const edges = (id: NodeId): Target[] => [DIAGRAM_NODES[id].onTrue, DIAGRAM_NODES[id].onFalse]
const nodeTargets = (id: NodeId): NodeId[] =>
  edges(id).filter((t): t is NodeId => typeof t === 'string' && t !== 'RENDERED' && t !== 'OPTIONS')
const statusEdges: Array<{ id: NodeId; outcome: StatusOutcome }> = DIAGRAM.flatMap((node) =>
  edges(node.id)
    .filter((t): t is StatusOutcome => typeof t === 'object')
    .map((outcome) => ({ id: node.id, outcome })),
)

describe('the decision diagram as a graph', () => {
  it('has an edge only to nodes that exist', () => {
    for (const node of DIAGRAM) for (const target of nodeTargets(node.id)) expect(ids).toContain(target)
    expect(ids).toContain(APP_ENTRY_NODE)
    expect(ids).toContain(ROUTE_ENTRY_NODE)
  })

  it('reaches every node from the entry', () => {
    const seen = new Set<NodeId>()
    const pending: NodeId[] = [APP_ENTRY_NODE]
    for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
      if (seen.has(id)) continue
      seen.add(id)
      pending.push(...nodeTargets(id))
    }
    expect([...seen].sort()).toEqual([...ids].sort())
  })

  it('has no cycle', () => {
    const state = new Map<NodeId, 'open' | 'done'>()
    const cycles: string[] = []
    const visit = (id: NodeId, path: NodeId[]) => {
      if (state.get(id) === 'done') return
      if (state.get(id) === 'open') {
        cycles.push([...path, id].join(' → '))
        return
      }
      state.set(id, 'open')
      for (const target of nodeTargets(id)) visit(target, [...path, id])
      state.set(id, 'done')
    }
    for (const node of DIAGRAM) visit(node.id, [])
    expect(cycles).toEqual([])
  })

  it('gives every terminal status a reason', () => {
    expect(statusEdges.length).toBeGreaterThan(0)
    for (const { id, outcome } of statusEdges) {
      expect(Number.isInteger(outcome.status), id).toBe(true)
      expect(reasonPhrase(outcome.status), `${id} → ${outcome.status}`).not.toBe('Unknown')
      expect(outcome.reason.trim().length, `${id} → ${outcome.status}`).toBeGreaterThan(0)
    }
  })

  it("ends every path in a status, the handler's own status or the OPTIONS answer", () => {
    const ends = new Set<string>()
    for (const node of DIAGRAM) {
      for (const target of edges(node.id)) {
        if (typeof target === 'object') ends.add('status')
        else if (!ids.has(target)) ends.add(target)
      }
    }
    expect([...ends].sort()).toEqual(['OPTIONS', 'RENDERED', 'status'])
  })

  it('reaches every response the framework sends: the successes as well as the refusals', () => {
    const statuses = new Set(statusEdges.map(({ outcome }) => outcome.status))
    for (const status of [
      200, 201, 206, 301, 304, 307, 400, 401, 403, 404, 405, 406, 409, 410, 412, 413, 414,
    ])
      expect(statuses, String(status)).toContain(status)
    for (const status of [415, 416, 422, 501, 503]) expect(statuses, String(status)).toContain(status)
  })

  it('runs the handler at one node only, after every check of the request', () => {
    const toHandler = DIAGRAM.filter((node) => edges(node.id).includes('HANDLER')).map((node) => node.id)
    expect(toHandler).toEqual(['INPUT'])
  })

  it("gives error edges that share a status one reason, except PATH's 404 and MESSAGE's and PATH's 400", () => {
    // errorForStatus (src/app/error-response.ts) caches answers by status, not by edge: two reasons
    // for one status are only safe where its cache key tells them apart (the empty template of a
    // path no route matches, the problem MESSAGE or ROUTE found).
    const reasons = new Map<number, Set<string>>()
    for (const { id, outcome } of statusEdges) {
      if (id === 'PATH' || id === 'MESSAGE' || outcome.status < 400) continue
      const seen = reasons.get(outcome.status) ?? new Set()
      seen.add(outcome.reason)
      reasons.set(outcome.status, seen)
    }
    for (const [status, seen] of reasons) expect([...seen], String(status)).toHaveLength(1)
  })
})
