import { reasonPhrase } from '../http/index.js'
import { DIAGRAM, DIAGRAM_NODES, type NodeId } from '../machine/index.js'
import { targetKey } from './trace-record.js'

/** A box of the drawn diagram: a node or a terminal, with its place. */
export interface LaidOutBox {
  readonly key: string
  readonly label: string
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** An edge of the table, between two boxes. */
export interface LaidOutEdge {
  /** `FROM>TO`, as a trace record names the edges it took. */
  readonly key: string
  readonly from: LaidOutBox
  readonly to: LaidOutBox
  readonly answer: boolean
}

/** The diagram laid out: nodes in layers, terminals in a column on the right. */
export interface DiagramLayout {
  readonly nodes: readonly LaidOutBox[]
  readonly terminals: readonly LaidOutBox[]
  readonly edges: readonly LaidOutEdge[]
  readonly width: number
  readonly height: number
}

const NODE_WIDTH = 180
const NODE_HEIGHT = 34
const COLUMN = 196
const ROW = 48
const MARGIN = 16
const TERMINAL_WIDTH = 150

/** What a terminal box says besides its status (the status of the response is added by the page). */
const TERMINAL_LABELS: Readonly<Record<string, string>> = {
  RENDERED: "handler's own status",
  OPTIONS: '204 + Allow',
  THREW: 'thrown → error response',
}

/**
 * Lays the decision table out at run time, the way docs/decision-flow.md draws it top-down: each
 * node in the layer of its longest path from MESSAGE (the table has no cycle, and lists every node
 * after the nodes leading to it), side by side in table order within a layer; each terminal (a
 * status, `RENDERED`, `OPTIONS`, and `THREW` for a node that threw) on the right, at the first free
 * row level with the first node leading to it.
 *
 * @example
 * diagramLayout().nodes.find((box) => box.key === 'B8')
 */
export function diagramLayout(): DiagramLayout {
  const layer = new Map<NodeId, number>(DIAGRAM.map((node) => [node.id, 0]))
  for (const node of DIAGRAM) {
    for (const target of [node.onTrue, node.onFalse]) {
      if (typeof target === 'string' && target in DIAGRAM_NODES) {
        const id = target as NodeId
        layer.set(id, Math.max(layer.get(id) ?? 0, (layer.get(node.id) ?? 0) + 1))
      }
    }
  }
  const used = new Map<number, number>()
  const boxes = new Map<string, LaidOutBox>()
  for (const node of DIAGRAM) {
    const row = layer.get(node.id) ?? 0
    const column = used.get(row) ?? 0
    used.set(row, column + 1)
    boxes.set(node.id, {
      key: node.id,
      label: node.label,
      x: MARGIN + column * COLUMN,
      y: MARGIN + row * ROW,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
    })
  }
  const nodes = [...boxes.values()]
  const terminalX = MARGIN + Math.max(...used.values()) * COLUMN + 2 * MARGIN
  const terminals = layTerminals(layer, terminalX)
  for (const terminal of terminals) boxes.set(terminal.key, terminal)
  const edges: LaidOutEdge[] = []
  for (const node of DIAGRAM) {
    for (const answer of [true, false]) {
      const to = targetKey(answer ? node.onTrue : node.onFalse)
      edges.push({
        key: `${node.id}>${to}`,
        from: boxes.get(node.id) as LaidOutBox,
        to: boxes.get(to) as LaidOutBox,
        answer,
      })
    }
  }
  const bottom = Math.max(...[...boxes.values()].map((box) => box.y + box.height))
  return { nodes, terminals, edges, width: terminalX + TERMINAL_WIDTH + MARGIN, height: bottom + MARGIN }
}

function layTerminals(layer: ReadonlyMap<NodeId, number>, x: number): LaidOutBox[] {
  const firstRow = new Map<string, number>()
  for (const node of DIAGRAM) {
    for (const target of [node.onTrue, node.onFalse]) {
      const key = targetKey(target)
      if (key in DIAGRAM_NODES) continue
      firstRow.set(key, Math.min(firstRow.get(key) ?? Number.POSITIVE_INFINITY, layer.get(node.id) ?? 0))
    }
  }
  firstRow.set('THREW', Math.max(...layer.values()) + 1)
  const taken = new Set<number>()
  const terminals: LaidOutBox[] = []
  for (const [key, wanted] of [...firstRow].sort((a, b) => a[1] - b[1])) {
    let row = wanted
    while (taken.has(row)) row++
    taken.add(row)
    const label = TERMINAL_LABELS[key] ?? reasonPhrase(Number(key.slice(1)))
    terminals.push({ key, label, x, y: MARGIN + row * ROW, width: TERMINAL_WIDTH, height: NODE_HEIGHT })
  }
  return terminals
}
