/** Turning measurements into the markdown of bench/RESULTS.md. */
import type { Config } from './config.js'
import type { ProfileSummary } from './cpuprofile.js'
import { SCENARIOS, scenarioNamed } from './plan.js'
import type { MachineInfo } from './proc.js'

export interface RoundResult {
  rps: number
  requests: number
  p50Us: number
  p99Us: number
  maxUs: number
  unexpected: number
  errors: number
  /** VmHWM over this measurement (reset before it), kB */
  peakRssKb: number | null
  /** CPU seconds of the server / wall seconds (1 = its core saturated) */
  serverCpu: number | null
  toolCpu: number | null
  /** CPU time of everything else on the server's core ÷ wall time (noise; null when not pinned) */
  otherCpu: number | null
}

export interface Cell {
  server: string
  scenario: string
  rounds: RoundResult[]
  /** set when the correctness check failed: not measured */
  failed?: string
}

export interface ServerInfo {
  name: string
  /** how it was loaded: an esbuild bundle run by plain node, or through tsx */
  launch?: 'esbuild' | 'tsx'
  startupRssKb: number | null
  /** max VmHWM seen over the run, kB */
  peakRssKb: number | null
  checkFailures: Record<string, string>
  /** set when the server could not start */
  error?: string
}

export interface RunResults {
  date: string
  machine: MachineInfo
  tool: { name: string; version: string }
  config: Config
  servers: ServerInfo[]
  skipped: { name: string; reason: string }[]
  cells: Cell[]
  wallSec: number
}

export interface ProfileResult {
  date: string
  server: string
  /** esbuild bundle (locations mapped to TypeScript) or tsx loader (transpiled positions) */
  launch?: 'esbuild' | 'tsx'
  scenario: string
  durationSec: number
  summary: ProfileSummary | null
  error?: string
}

// ---------------------------------------------------------------------------------------------

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  const upper = s[mid]
  const lower = s[mid - 1]
  if (upper === undefined) return Number.NaN // no values
  return s.length % 2 || lower === undefined ? upper : (lower + upper) / 2
}

export const fmtInt = (n: number): string =>
  Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–'
export const fmtMs = (us: number): string => (Number.isFinite(us) ? `${(us / 1000).toFixed(2)} ms` : '–')
const fmtMb = (kb: number | null): string => (kb === null ? '–' : `${(kb / 1024).toFixed(1)} MB`)
const fmtPct = (f: number | null): string => (f === null ? '–' : `${Math.round(f * 100)}%`)
const fmtRatio = (a: number, b: number): string => (a > 0 && b > 0 ? `${(a / b).toFixed(2)}×` : '–')

export interface CellSummary {
  rps: number
  /** median over the rounds of req/s ÷ server CPU share: requests per CPU-second of the server */
  rpsPerCpu: number
  rpsMin: number
  rpsMax: number
  p50Us: number
  p99Us: number
  peakRssKb: number | null
  serverCpu: number | null
  toolCpu: number | null
  otherCpu: number | null
  unexpected: number
  errors: number
  requests: number
}

export function summarizeCell(cell: Cell): CellSummary | null {
  if (cell.failed || cell.rounds.length === 0) return null
  const r = cell.rounds
  const rss = r.map((x) => x.peakRssKb).filter((x): x is number => x !== null)
  const scpu = r.map((x) => x.serverCpu).filter((x): x is number => x !== null)
  const tcpu = r.map((x) => x.toolCpu).filter((x): x is number => x !== null)
  const ocpu = r.map((x) => x.otherCpu).filter((x): x is number => x !== null)
  return {
    rps: median(r.map((x) => x.rps)),
    rpsPerCpu:
      scpu.length === r.length
        ? median(r.flatMap((x) => (x.serverCpu === null ? [] : [x.rps / Math.max(0.05, x.serverCpu)])))
        : Number.NaN,
    rpsMin: Math.min(...r.map((x) => x.rps)),
    rpsMax: Math.max(...r.map((x) => x.rps)),
    p50Us: median(r.map((x) => x.p50Us)),
    p99Us: median(r.map((x) => x.p99Us)),
    peakRssKb: rss.length ? Math.max(...rss) : null,
    serverCpu: scpu.length ? median(scpu) : null,
    toolCpu: tcpu.length ? median(tcpu) : null,
    otherCpu: ocpu.length ? Math.max(...ocpu) : null,
    unexpected: r.reduce((a, x) => a + x.unexpected, 0),
    errors: r.reduce((a, x) => a + x.errors, 0),
    requests: r.reduce((a, x) => a + x.requests, 0),
  }
}

/** A markdown table, padded the way biome formats markdown (so RESULTS.md passes `biome check`). */
export function table(header: string[], rows: string[][], align?: ('l' | 'r')[]): string {
  const len = (cell: string) => [...cell].length
  const widths = header.map((h, i) => Math.max(3, len(h), ...rows.map((r) => len(r[i] ?? ''))))
  const left = (i: number) => (align?.[i] ?? 'r') === 'l'
  const pad = (cell: string, width: number, i: number) => {
    const fill = ' '.repeat(width - len(cell))
    return left(i) ? cell + fill : fill + cell
  }
  const line = (cells: string[]) => `| ${widths.map((w, i) => pad(cells[i] ?? '', w, i)).join(' | ')} |`
  const sep = `| ${widths.map((w, i) => (left(i) ? `:${'-'.repeat(w - 1)}` : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`
  return [line(header), sep, ...rows.map(line)].join('\n')
}

export function machineLine(res: Pick<RunResults, 'machine' | 'tool' | 'date' | 'config'>): string {
  const m = res.machine
  const pin =
    res.config.serverCpu === undefined
      ? 'not pinned (taskset missing or < 2 CPUs)'
      : `server on CPU ${res.config.serverCpu}, load generator on CPU ${res.config.loadCpu} (taskset)`
  return (
    `**Machine:** ${m.cpuCount} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.os} · **Node** ${m.node} · ` +
    `**load:** ${res.tool.name} ${res.tool.version} (1 thread, ${res.config.connections} connections) · ` +
    `${pin} · **date:** ${res.date}`
  )
}

/** "other load" above this share of the server's core marks a cell as noisy */
const NOISY = 0.1

export function resultsMarkdown(res: RunResults): string {
  const c = res.config
  const out: string[] = []
  out.push('# Benchmark results', '')
  out.push(machineLine(res), '')
  out.push(
    `**Run:** ${c.full ? '`--full`' : 'default'} · servers: ${res.servers.map((s) => s.name).join(', ') || 'none'} · ` +
      `${c.rounds} alternating round(s) × ${c.durationSec} s per (server, scenario), after a ${c.warmupSec} s ` +
      `warm-up in round 1 · median of the rounds · wall time ${Math.round(res.wallSec)} s.`,
    '',
  )
  for (const s of res.skipped) out.push(`> **${s.name}:** not measured — ${s.reason}`, '')
  for (const s of res.servers) if (s.error) out.push(`> **${s.name}:** failed to start — ${s.error}`, '')

  const measured = res.servers.filter((s) => !s.error).map((s) => s.name)
  const cellOf = (server: string, scenario: string) =>
    res.cells.find((x) => x.server === server && x.scenario === scenario)
  const summaries = new Map<string, CellSummary | null>()
  for (const cell of res.cells) summaries.set(`${cell.server}/${cell.scenario}`, summarizeCell(cell))
  const rpsOf = (server: string, scenario: string) =>
    summaries.get(`${server}/${scenario}`)?.rps ?? Number.NaN

  // summary table: req/s per server, and the subject (first server) against each peer
  const subject = measured[0]
  const peers = measured.slice(1)
  const noisy = [...summaries.values()].filter((x) => x && x.otherCpu !== null && x.otherCpu > NOISY).length
  const total = [...summaries.values()].filter(Boolean).length
  if (noisy > 0) {
    out.push(
      `> **Noisy machine:** in ${noisy} of ${total} cells something else took more than ` +
        `${NOISY * 100}% of the server's core in at least one round (column "other load"; marked † below). ` +
        'req/s there is depressed by an unknown amount; the second table (requests per CPU-second of the ' +
        'server) is much less sensitive to it. Re-run on a quiet machine for publishable req/s.',
      '',
    )
  }
  const summaryTable = (value: (server: string, id: string) => number) => {
    const header = ['scenario', ...measured]
    if (subject) for (const p of peers) header.push(`${subject} ÷ ${p}`)
    const rows = c.scenarios.map((id) => {
      const sc = scenarioNamed(id)
      const row = [`(${sc.number}) \`${id}\``]
      for (const server of measured) {
        const cell = cellOf(server, id)
        const other = summaries.get(`${server}/${id}`)?.otherCpu ?? null
        const mark = other !== null && other > NOISY ? ' †' : ''
        row.push(cell?.failed ? '**check failed**' : `${fmtInt(value(server, id))}${mark}`)
      }
      if (subject) for (const p of peers) row.push(fmtRatio(value(subject, id), value(p, id)))
      return row
    })
    return table(header, rows, ['l'])
  }
  out.push('## Summary (median req/s)', '')
  out.push(summaryTable(rpsOf), '')
  out.push(
    '### Requests per CPU-second of the server',
    '',
    "Median over the rounds of req/s ÷ the server's CPU share: what the server would do with its core " +
      'to itself. Robust to other load on the machine; it overstates a server that was idle for another ' +
      'reason (e.g. a saturated load generator — see its CPU use below).',
    '',
  )
  out.push(
    summaryTable((server, id) => summaries.get(`${server}/${id}`)?.rpsPerCpu ?? Number.NaN),
    '',
  )

  out.push(
    '## Per scenario',
    '',
    'req/s is the median of the rounds (min–max in brackets); p50/p99 are latency medians over the rounds; ' +
      'peak RSS is the largest VmHWM of the server process during a measurement (watermark reset before ' +
      'each one); server CPU is its CPU time ÷ wall time (100% = its core saturated); "other load" is the ' +
      "CPU time of everything else on the server's core (other processes, steal) ÷ wall time, worst round " +
      '(noise: it should be ~0%); "unexpected" counts ' +
      'responses with another status than the scenario expects, plus socket errors. The ratio columns divide ' +
      "the row's req/s by the column's.",
    '',
  )
  for (const id of c.scenarios) {
    const sc = scenarioNamed(id)
    out.push(`### (${sc.number}) \`${id}\` — ${sc.title}`, '')
    const head = [
      'server',
      'req/s',
      'req/CPU-s',
      'p50',
      'p99',
      'peak RSS',
      'server CPU',
      'other load',
      'unexpected',
      ...measured.map((m) => `vs ${m}`),
    ]
    const body: string[][] = []
    for (const server of measured) {
      const cell = cellOf(server, id)
      const sum = summaries.get(`${server}/${id}`)
      if (!cell || !sum) {
        // the table pads the missing cells
        body.push([server, cell?.failed ? `**check failed:** ${cell.failed}` : 'not measured'])
        continue
      }
      body.push([
        server,
        `${fmtInt(sum.rps)} (${fmtInt(sum.rpsMin)}–${fmtInt(sum.rpsMax)})`,
        fmtInt(sum.rpsPerCpu),
        fmtMs(sum.p50Us),
        fmtMs(sum.p99Us),
        fmtMb(sum.peakRssKb),
        fmtPct(sum.serverCpu),
        fmtPct(sum.otherCpu),
        sum.unexpected + sum.errors === 0
          ? '0'
          : `${fmtInt(sum.unexpected + sum.errors)} of ${fmtInt(sum.requests)}`,
        ...measured.map((m) => (m === server ? '—' : fmtRatio(sum.rps, rpsOf(m, id)))),
      ])
    }
    out.push(table(head, body, ['l']), '')
  }

  out.push('## Servers', '')
  out.push(
    table(
      ['server', 'loaded as', 'RSS after start', 'peak RSS (whole run)', 'correctness'],
      res.servers.map((s) => [
        s.name,
        s.launch === 'tsx' ? 'tsx loader (+~40 MB RSS)' : s.launch === 'esbuild' ? 'esbuild bundle' : '–',
        fmtMb(s.startupRssKb),
        fmtMb(s.peakRssKb),
        s.error
          ? 'did not start'
          : Object.keys(s.checkFailures).length === 0
            ? 'all checks passed'
            : Object.entries(s.checkFailures)
                .map(([k, v]) => `${k}: ${v.replace(/\|/g, '\\|').replace(/\n/g, ' ')}`)
                .join('; '),
      ]),
      ['l', 'l', 'r', 'r', 'l'],
    ),
    '',
  )
  const toolCpus = [...summaries.values()]
    .map((s) => s?.toolCpu)
    .filter((x): x is number => typeof x === 'number')
  if (toolCpus.length) {
    out.push(
      `Load generator CPU during the measurements: median ${fmtPct(median(toolCpus))}, max ${fmtPct(
        Math.max(...toolCpus),
      )} of its core${Math.max(...toolCpus) > 0.9 ? ' — at or near saturation: the fastest cells may be bounded by the load generator, not the server' : ' (not the bottleneck)'}.`,
      '',
    )
  }
  return out.join('\n')
}

export const PROFILE_START = '<!-- profile:start -->'
export const PROFILE_END = '<!-- profile:end -->'

export function profileMarkdown(results: ProfileResult[], note?: string): string {
  const out: string[] = [PROFILE_START, '## Profile', '']
  if (note) out.push(note, '')
  for (const r of results) {
    const sc = SCENARIOS.find((s) => s.id === r.scenario)
    out.push(
      `### ${r.server}, (${sc?.number ?? '?'}) \`${r.scenario}\` — ${r.durationSec} s under load, ${r.date}`,
      '',
    )
    if (!r.summary) {
      out.push(`Profile not available: ${r.error ?? 'unknown error'}`, '')
      continue
    }
    if (r.launch === 'tsx') {
      out.push(
        '(Loaded through tsx: TypeScript locations are positions in the one-line transpiled output.)',
        '',
      )
    }
    const busy = r.summary.totalUs - r.summary.idleUs
    const idlePct = ((r.summary.idleUs / Math.max(1, r.summary.totalUs)) * 100).toFixed(0)
    out.push(
      `Top self-time frames, % of ${(busy / 1e6).toFixed(2)} s busy main-thread time ` +
        `(${(r.summary.totalUs / 1e6).toFixed(2)} s sampled, ${idlePct}% idle, ` +
        `${r.summary.windowed ? 'load window only' : 'whole process lifetime: load window not found'}):`,
      '',
    )
    out.push(
      table(
        ['#', 'self %', 'self ms', 'function', 'file:line', 'group'],
        r.summary.frames.map((f, i) => [
          String(i + 1),
          `${f.selfPct.toFixed(1)}%`,
          fmtInt(f.selfUs / 1000),
          `\`${f.functionName}\``,
          f.location ? `\`${f.location}\`` : '',
          f.group,
        ]),
        ['r', 'r', 'r', 'l', 'l', 'l'],
      ),
      '',
    )
    out.push('Self time by package / layer:', '')
    out.push(
      table(
        ['group', 'self %'],
        r.summary.groups.slice(0, 12).map((g) => [g.group, `${g.selfPct.toFixed(1)}%`]),
        ['l', 'r'],
      ),
      '',
    )
  }
  out.push(PROFILE_END)
  return out.join('\n')
}

/** Replaces (or appends) the profile section of an existing RESULTS.md text. */
export function withProfileSection(markdown: string, section: string): string {
  const start = markdown.indexOf(PROFILE_START)
  const end = markdown.indexOf(PROFILE_END)
  if (start !== -1 && end > start) {
    return markdown.slice(0, start) + section + markdown.slice(end + PROFILE_END.length)
  }
  return `${markdown.trimEnd()}\n\n${section}\n`
}

/** The profile section of an existing RESULTS.md text, if any. */
export function existingProfileSection(markdown: string): string | null {
  const start = markdown.indexOf(PROFILE_START)
  const end = markdown.indexOf(PROFILE_END)
  return start !== -1 && end > start ? markdown.slice(start, end + PROFILE_END.length) : null
}
