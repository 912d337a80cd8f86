import { DIAGRAM_NODES, type Exchange, type NodeId, type Target, type Terminal } from '../machine/index.js'
import { decisionEvents } from '../telemetry/index.js'

/** One dependency resolved during a run: where, how long, and whether it threw. */
export interface DependencyTiming {
  /** The node that was running when it was resolved (B10 seeds the context, B8 authorizes…). */
  readonly node: NodeId | undefined
  readonly name: string
  readonly kind: string
  readonly durationMs: number
  readonly failed: boolean
}

/** One node a run passed: its answer (`null` when it threw) and the dependencies it resolved. */
export interface TraceStep {
  readonly node: NodeId
  readonly answer: boolean | null
  readonly dependencies: readonly Omit<DependencyTiming, 'node'>[]
}

/** One request as the viewer shows it. Paths only: a query string can carry secrets. */
export interface TraceRecord {
  readonly id: number
  /** When the response was ready, as an ISO 8601 time. */
  readonly time: string
  readonly method: string
  readonly path: string
  /** The matched route's template, `null` when none matched. */
  readonly route: string | null
  readonly status: number
  readonly durationMs: number
  /** Where the run ended: `S401` for a status edge, `RENDERED`, `OPTIONS`, or `THREW` (a node threw). */
  readonly terminal: string
  /** The nodes walked, in order: the same ids as `X-Restmachine-Trace`. */
  readonly steps: readonly TraceStep[]
  /** The diagram's edges taken, as `FROM>TO`, including the hops through nodes planned away. */
  readonly edges: readonly string[]
  /** Nodes the route's plan skipped on the way (their `whenSkipped` edge was taken). */
  readonly skipped: readonly NodeId[]
}

/** The key of an edge's target in the viewer's diagram: a node id, `S` + status, `RENDERED` or `OPTIONS`. */
export function targetKey(target: Target): string {
  return typeof target === 'object' ? `S${target.status}` : target
}

/** The terminal a run reached, or `THREW` when it ended in a thrown error. */
export function terminalKey(outcome: Terminal | undefined): string {
  return outcome === undefined ? 'THREW' : targetKey(outcome)
}

/**
 * The record of one finished run: the nodes it passed with each answer (read from the path, as
 * telemetry reads it), the edges of the diagram taken between them, and the dependencies each node
 * resolved.
 *
 * @example
 * traceRecord(7, exchange, 401, 1.2, timings).steps.map((step) => step.node) // ['MESSAGE', …, 'B8']
 */
export function traceRecord(
  id: number,
  exchange: Exchange,
  status: number,
  durationMs: number,
  timings: readonly DependencyTiming[],
): TraceRecord {
  const events = decisionEvents(exchange.trace ?? [], exchange.outcome, exchange.plan, status)
  const terminal = terminalKey(exchange.outcome)
  const steps = events.map((event) => ({
    node: event.node as NodeId,
    answer: event.answer ?? null,
    dependencies: timings
      .filter((timing) => timing.node === event.node)
      .map(({ name, kind, durationMs, failed }) => ({ name, kind, durationMs, failed })),
  }))
  const { edges, skipped } = edgesTaken(steps, terminal)
  return {
    id,
    time: new Date().toISOString(),
    method: exchange.request.method,
    path: exchange.request.path,
    route: exchange.entry?.template ?? null,
    status,
    durationMs: Math.round(durationMs * 1000) / 1000,
    terminal,
    steps,
    edges,
    skipped,
  }
}

/** Longer than any path through the diagram: a guard, never reached by a table without cycles. */
const MAX_HOPS = 64

/**
 * The table's edges between consecutive nodes walked: from each node along the edge its answer
 * took, then through the nodes the plan skipped (each by its `whenSkipped` edge) until the next
 * node walked, or the terminal for the last.
 */
function edgesTaken(steps: readonly TraceStep[], terminal: string): { edges: string[]; skipped: NodeId[] } {
  const edges: string[] = []
  const skipped: NodeId[] = []
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as TraceStep
    if (step.answer === null) continue
    const goal = steps[i + 1]?.node ?? terminal
    let from: NodeId = step.node
    let to = targetKey(DIAGRAM_NODES[from][step.answer ? 'onTrue' : 'onFalse'])
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      edges.push(`${from}>${to}`)
      if (to === goal || !(to in DIAGRAM_NODES)) break
      from = to as NodeId
      skipped.push(from)
      to = targetKey(DIAGRAM_NODES[from][DIAGRAM_NODES[from].whenSkipped])
    }
  }
  return { edges, skipped }
}
