import { describe, expect, it } from 'vitest'
import type { LinkedNode, StatusOutcome } from '../../src/machine/index.js'
import { INTO_ROUTE } from '../../src/machine/index.js'
import { decisionEvents } from '../../src/telemetry/index.js'

const UNAUTHORIZED: StatusOutcome = { status: 401, reason: 'Authentication required' }
const NOT_FOUND: StatusOutcome = { status: 404, reason: 'Not found' }
const node = (
  id: LinkedNode['id'],
  onTrue: LinkedNode['onTrue'],
  onFalse: LinkedNode['onFalse'],
): LinkedNode => ({
  id,
  test: () => true,
  onTrue,
  onFalse,
})

describe('decision events', () => {
  it('reads each answer from the next node passed, following B10 into the route', () => {
    const b8 = node('B8', 'RENDERED', UNAUTHORIZED)
    const b10 = node('B10', INTO_ROUTE, { status: 405, reason: 'Method not allowed' })
    const events = decisionEvents([b10, b8], UNAUTHORIZED, { entry: b8 }, 401)
    expect(events).toEqual([
      { name: 'B10 Method allowed? → true', node: 'B10', answer: true },
      { name: 'B8 Authorized? → false → 401', node: 'B8', answer: false },
    ])
  })

  it('says threw for a last node that reached no outcome', () => {
    const g7 = node('G7', 'RENDERED', NOT_FOUND)
    expect(decisionEvents([g7], undefined, undefined, 500)).toEqual([
      { name: 'G7 Resource exists? → threw → 500', node: 'G7', answer: undefined },
    ])
  })

  it('leaves the answer open when both edges lead to the same place', () => {
    const b9 = node('B9', NOT_FOUND, NOT_FOUND)
    expect(decisionEvents([b9], NOT_FOUND, undefined, 404)[0]).toEqual({
      name: 'B9 Malformed? → ? → 404',
      node: 'B9',
      answer: undefined,
    })
  })
})
