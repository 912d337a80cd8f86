/**
 * The markdown of bench/RESULTS-bun.md: machine, versions (bun, hono, elysia), the alternating
 * rounds, and per scenario the median req/s with its min–max spread, req per CPU-second of the
 * server, latency, and RestMachine's ratio to Hono and to Elysia on Bun. Sections between
 * `<!-- keep:NAME:start/end -->` markers (the analysis) survive every regeneration.
 */
import { carryKeptSections } from './kept-sections.js'
import { scenarioNamed } from './plan.js'
import { type Cell, fmtInt, fmtMs, machineLine, type RunResults, summarizeCell, table } from './report.js'

export interface BunRunResults extends RunResults {
  versions: { bun: string; hono: string; elysia: string }
  /** the earlier RESULTS-bun.md, whose kept sections are carried over */
  previous?: string | undefined
}

const SUBJECT = 'bun-restmachine'
const ratio = (a: number | undefined, b: number | undefined): string =>
  a !== undefined && b !== undefined && a > 0 && b > 0 ? `${(a / b).toFixed(2)}×` : '–'

/** The whole RESULTS-bun.md text. */
export function bunResultsMarkdown(res: BunRunResults): string {
  const c = res.config
  const out: string[] = ['# Benchmark results on Bun (`npm run bench -- --bun`)', '']
  out.push(machineLine(res).replace(/ · \*\*Node\*\* [^·]+· /, ' · '), '')
  out.push(
    `**Versions:** bun ${res.versions.bun} · hono ${res.versions.hono} · elysia ${res.versions.elysia} · ` +
      `**run:** ${c.rounds} alternating round(s) × ${c.durationSec} s per (server, scenario), after a ` +
      `${c.warmupSec} s warm-up in round 1; median of the rounds, [min–max] · wall time ${Math.round(res.wallSec)} s.`,
    '',
  )
  for (const s of res.servers) if (s.error) out.push(`> **${s.name}:** failed to start — ${s.error}`, '')
  const measured = res.servers.filter((s) => !s.error).map((s) => s.name)
  const cell = (server: string, id: string): Cell | undefined =>
    res.cells.find((x) => x.server === server && x.scenario === id)
  const sum = (server: string, id: string) => {
    const x = cell(server, id)
    return x ? summarizeCell(x) : null
  }

  const header = ['scenario', ...measured, 'restmachine ÷ hono', 'restmachine ÷ elysia']
  const rows = (value: (server: string, id: string) => number | undefined, spread: boolean) =>
    c.scenarios.map((id) => {
      const row = [`(${scenarioNamed(id).number}) \`${id}\``]
      for (const server of measured) {
        const x = cell(server, id)
        const s = sum(server, id)
        if (x?.failed) row.push('not comparable (check failed)')
        else if (!s) row.push('–')
        else
          row.push(
            spread
              ? `${fmtInt(s.rps)} [${fmtInt(s.rpsMin)}–${fmtInt(s.rpsMax)}]`
              : fmtInt(value(server, id) ?? Number.NaN),
          )
      }
      row.push(
        ratio(value(SUBJECT, id), value('bun-hono', id)),
        ratio(value(SUBJECT, id), value('bun-elysia', id)),
      )
      return row
    })
  out.push('## Median req/s [min–max over the rounds]', '')
  out.push(
    table(
      header,
      rows((s, id) => sum(s, id)?.rps, true),
      ['l'],
    ),
    '',
  )
  out.push('## Requests per CPU-second of the server', '')
  out.push(
    table(
      header,
      rows((s, id) => sum(s, id)?.rpsPerCpu, false),
      ['l'],
    ),
    '',
  )
  out.push('## Latency (median p50 / p99 over the rounds)', '')
  out.push(
    table(
      ['scenario', ...measured],
      c.scenarios.map((id) => [
        `\`${id}\``,
        ...measured.map((server) => {
          const s = sum(server, id)
          return s ? `${fmtMs(s.p50Us)} / ${fmtMs(s.p99Us)}` : '–'
        }),
      ]),
      ['l'],
    ),
    '',
  )
  const failures = res.servers.flatMap((s) =>
    Object.entries(s.checkFailures).map(([id, msg]) => `- **${s.name}** \`${id}\`: ${msg}`),
  )
  if (failures.length) out.push('## Not comparable (check failed, not measured)', '', ...failures, '')
  const markdown = `${out.join('\n').trimEnd()}\n`
  return res.previous === undefined ? markdown : `${carryKeptSections(res.previous, markdown).trimEnd()}\n`
}
