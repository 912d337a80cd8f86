import { describe, expectTypeOf, it } from 'vitest'
import type { NodeId, Target } from '../../src/machine/decision-node.js'
import { DIAGRAM_NODES, type DiagramNodeSpec } from '../../src/machine/diagram.js'

describe('the diagram keyed by NodeId', () => {
  it('refuses an edge to a node that does not exist at compile time', () => {
    const edge: Target = 'B12'
    // @ts-expect-error 'B99' is no node of the diagram
    const typo: Target = 'B99'
    expectTypeOf<'B12'>().toExtend<Target>()
    expectTypeOf<'B99'>().not.toExtend<Target>()
    expectTypeOf([edge, typo]).toEqualTypeOf<Target[]>()
  })

  it('refuses a table row whose edge leads nowhere', () => {
    const row = {
      label: 'Known method?',
      test: () => true,
      // @ts-expect-error 'B1l' is a typo for a node id
      onTrue: 'B1l',
      onFalse: { status: 501, reason: 'Method {method} is not implemented by this server' },
      whenSkipped: 'onTrue',
    } as const satisfies DiagramNodeSpec
    expectTypeOf(row.label).toEqualTypeOf<'Known method?'>()
  })

  it('has exactly one row per NodeId, so lookups need no cast', () => {
    expectTypeOf<keyof typeof DIAGRAM_NODES>().toEqualTypeOf<NodeId>()
    expectTypeOf(DIAGRAM_NODES.B8.onFalse.status).toEqualTypeOf<401>()
    expectTypeOf(DIAGRAM_NODES.B8.onFalse.reason).toEqualTypeOf<'Authentication required'>()
  })
})
