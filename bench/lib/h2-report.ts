/** The markdown of bench/RESULTS-h2.md: medians, min–max spread, ratios and req/CPU-s per cell. */
import { scenarioNamed } from './plan.js'
import type { MachineInfo } from './proc.js'
import { median, table } from './report.js'

export interface H2Round {
  rps: number
  requests: number
  meanUs: number
  maxUs: number
  unexpected: number
  /** server CPU seconds over the run */
  serverCpuSec: number | null
}

export interface H2Cell {
  server: string
  scenario: string
  rounds: H2Round[]
  failed?: string
}

export interface H2Run {
  date: string
  machine: MachineInfo
  h2load: string
  versions: Record<string, string>
  rounds: number
  durationSec: number
  warmupSec: number
  connections: number
  streams: number
  pinned: string
  servers: { name: string; error?: string; failures: Record<string, string> }[]
  cells: H2Cell[]
  wallSec: number
}

const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–')
const ratio = (a: number, b: number): string => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '–')

/** Median req/s of a cell (NaN when not measured). */
const rpsOf = (cell: H2Cell | undefined): number =>
  cell && !cell.failed && cell.rounds.length ? median(cell.rounds.map((r) => r.rps)) : Number.NaN

export function h2Markdown(
  run: H2Run,
  subject = 'restmachine-h2',
  peers = ['fastify-h2', 'node-http2'],
): string {
  const m = run.machine
  const lines = [
    '# HTTP/2 benchmark results',
    '',
    `Written by \`npm run bench -- --h2\` on ${run.date} (wall time ${Math.round(run.wallSec)} s). Figures are`,
    'from one machine under whatever else ran on it; compare columns of the same run, not runs.',
    '',
    `- Machine: ${m.cpuModel}, ${m.cpuCount} CPU(s), ${m.memoryGb} GB, ${m.os}`,
    `- Node ${m.node}; h2load ${run.h2load}; ${Object.entries(run.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `- TLS 1.3 + h2 (ALPN), self-signed P-256 certificate; h2load -t 1 -c ${run.connections} -m ${run.streams} ` +
      `-D ${run.durationSec}; ${run.rounds} alternating round(s), warm-up ${run.warmupSec} s; ${run.pinned}`,
    "- req/s: median of the rounds, [min–max] spread; latency: h2load's mean time per request (median of",
    '  the rounds); req/CPU-s: requests answered per second of server CPU (user + system).',
    '',
  ]
  const servers = run.servers.map((s) => s.name)
  for (const s of run.servers) if (s.error) lines.push(`- **${s.name} did not start**: ${s.error}`)
  const scenarios = [...new Set(run.cells.map((c) => c.scenario))]
  const header = [
    'scenario',
    ...servers.map((s) => `${s} req/s [min–max]`),
    ...peers.map((p) => `${subject} ÷ ${p}`),
    ...servers.map((s) => `${s} mean latency`),
    ...servers.map((s) => `${s} req/CPU-s`),
  ]
  const rows = scenarios.map((id) => {
    const cell = (server: string) => run.cells.find((c) => c.server === server && c.scenario === id)
    const rps = servers.map((s) => {
      const c = cell(s)
      if (!c) return '–'
      if (c.failed) return `check failed: ${c.failed.replaceAll('|', '\\|')}`
      const values = c.rounds.map((r) => r.rps)
      const bad = c.rounds.reduce((n, r) => n + r.unexpected, 0)
      return `${int(median(values))} [${int(Math.min(...values))}–${int(Math.max(...values))}]${bad ? ` (${bad} unexpected)` : ''}`
    })
    const ratios = peers.map((p) => ratio(rpsOf(cell(subject)), rpsOf(cell(p))))
    const latency = servers.map((s) => {
      const c = cell(s)
      return c && !c.failed && c.rounds.length
        ? `${(median(c.rounds.map((r) => r.meanUs)) / 1000).toFixed(2)} ms`
        : '–'
    })
    const perCpu = servers.map((s) => {
      const c = cell(s)
      if (!c || c.failed) return '–'
      const values = c.rounds.flatMap((r) => (r.serverCpuSec ? [r.requests / r.serverCpuSec] : []))
      return values.length ? int(median(values)) : '–'
    })
    return [id, ...rps, ...ratios, ...latency, ...perCpu]
  })
  lines.push(table(header, rows, ['l']))
  lines.push('', '## Scenarios', '')
  for (const id of scenarios) lines.push(`- **${id}**: ${scenarioNamed(id).title}`)
  lines.push(
    '',
    'Over h2, h2load sends one method per run: the errors scenario sends DELETE to both /missing (404)',
    'and /hello (405 + Allow), alternating.',
    '',
    '## Rounds',
    '',
    table(
      ['scenario', 'server', 'round', 'req/s', 'requests', 'mean', 'max', 'unexpected'],
      run.cells.flatMap((c) =>
        c.rounds.map((r, i) => [
          c.scenario,
          c.server,
          String(i + 1),
          int(r.rps),
          int(r.requests),
          `${(r.meanUs / 1000).toFixed(2)} ms`,
          `${(r.maxUs / 1000).toFixed(2)} ms`,
          String(r.unexpected),
        ]),
      ),
      ['l', 'l'],
    ),
  )
  return `${lines.join('\n')}\n`
}
