import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderDecisionFlow } from '../../scripts/decision-flow.js'
import { withStatusTable } from '../../scripts/status-table.js'

describe('docs/decision-flow.md', () => {
  it('matches the decision table (run `npx tsx scripts/decision-flow.ts` to refresh it)', () => {
    const onDisk = readFileSync(new URL('../../docs/decision-flow.md', import.meta.url), 'utf8')
    expect(onDisk).toBe(renderDecisionFlow())
  })
})

describe('the status table of docs/decision-machine.md', () => {
  it('matches the decision table (run `npx tsx scripts/decision-flow.ts` to refresh it)', () => {
    const onDisk = readFileSync(new URL('../../docs/decision-machine.md', import.meta.url), 'utf8')
    expect(onDisk).toBe(withStatusTable(onDisk))
  })
})
