import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { type H2Run, h2Markdown } from '../../bench/lib/h2-report.js'

const round = (rps: number, cpu: number | null) => ({
  rps,
  requests: rps * 3,
  meanUs: 8100,
  maxUs: 45670,
  unexpected: 0,
  serverCpuSec: cpu,
})

const RUN: H2Run = {
  date: '2026-12-06 01:30 UTC',
  machine: { cpuModel: 'AMD EPYC', cpuCount: 2, memoryGb: 23.5, os: 'Linux x64', node: 'v20.20.2' },
  h2load: '1.52.0',
  versions: { fastify: '5.12.8' },
  rounds: 2,
  durationSec: 3,
  warmupSec: 1,
  connections: 8,
  streams: 10,
  pinned: 'server on CPU 1',
  servers: [
    { name: 'restmachine-h2', failures: {} },
    { name: 'fastify-h2', failures: {} },
    { name: 'node-http2', failures: {} },
  ],
  cells: [
    { server: 'restmachine-h2', scenario: 'hello', rounds: [round(20000, 2.5), round(21000, 2.6)] },
    { server: 'fastify-h2', scenario: 'hello', rounds: [round(19000, 2.7), round(18000, null)] },
    { server: 'node-http2', scenario: 'hello', rounds: [], failed: 'expected 200 | got 500' },
  ],
  wallSec: 42,
}

describe('HTTP/2 results page', () => {
  const markdown = h2Markdown(RUN)

  it('puts each scenario in one row with medians, spread, the ratio to each peer and req/CPU-s', () => {
    const row = markdown.split('\n').find((line) => line.startsWith('| hello'))
    expect(row).toContain('20,500 [20,000–21,000]')
    expect(row).toContain('1.11×')
    expect(row).toContain('check failed: expected 200 \\| got 500')
  })

  it('is formatted the way biome formats markdown, so RESULTS-h2.md passes the lint', () => {
    const checked = execFileSync('npx', ['biome', 'format', '--stdin-file-path=RESULTS-h2.md'], {
      input: markdown,
      encoding: 'utf8',
    })
    expect(checked).toBe(markdown)
  })
})
