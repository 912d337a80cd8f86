/** Reading a V8 `.cpuprofile` (from `node --cpu-prof`) into self-time tables. */

import { readFileSync } from 'node:fs'
import { SourceMap, type SourceMapPayload } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
  columnNumber: number
}

interface ProfileNode {
  id: number
  callFrame: CallFrame
  hitCount?: number
}

export interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples?: number[]
  timeDeltas?: number[]
}

export interface Frame {
  functionName: string
  /** shortened file:line, or a V8 pseudo-frame such as "(garbage collector)" */
  location: string
  group: string
  selfUs: number
  selfPct: number
}

export interface ProfileSummary {
  /** sampled time in the window, idle included */
  totalUs: number
  /** of which the thread was idle (waiting for I/O) */
  idleUs: number
  /** true when only the samples inside the requested window were used */
  windowed: boolean
  /** top frames by self time */
  frames: Frame[]
  /** self time grouped by package / layer */
  groups: { group: string; selfUs: number; selfPct: number }[]
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const PSEUDO = new Set(['(root)', '(program)', '(idle)', '(garbage collector)'])

function shortUrl(url: string): string {
  if (url.startsWith('file://')) {
    const file = fileURLToPath(url)
    const rel = path.relative(ROOT, file)
    return rel.startsWith('..') ? file : rel
  }
  return url
}

function groupOf(frame: CallFrame): string {
  if (PSEUDO.has(frame.functionName) && frame.url === '') return frame.functionName
  const url = frame.url
  if (url === '') return 'V8 builtins / native'
  if (url.startsWith('node:')) return 'node: internals'
  const nm = url.lastIndexOf('/node_modules/')
  if (nm !== -1) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/')
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? 'node_modules')
  }
  const rel = shortUrl(url)
  if (rel.startsWith('src/')) return 'restmachine (src/)'
  if (rel.startsWith('bench/')) return 'bench (server file + fixtures)'
  return 'other'
}

/** Maps a 0-based generated position to a 1-based original file:line, or null. */
export type LocationResolver = (
  url: string,
  line: number,
  column: number,
) => { url: string; line: number } | null

/** A resolver for generated files: `{ [generated file url]: source map file path }`. */
export function sourceMapResolver(maps: Record<string, string>): LocationResolver {
  const loaded = new Map<string, { map: SourceMap; file: string }>()
  for (const [url, file] of Object.entries(maps)) {
    const payload = JSON.parse(readFileSync(file, 'utf8')) as SourceMapPayload
    loaded.set(url, { map: new SourceMap(payload), file })
  }
  return (url, line, column) => {
    const entry = loaded.get(url)
    if (!entry) return null
    const found = entry.map.findEntry(line, column) as { originalSource?: string; originalLine?: number }
    if (!found.originalSource || found.originalLine === undefined) return null
    const source = found.originalSource.startsWith('file://')
      ? found.originalSource
      : pathToFileURL(path.resolve(path.dirname(entry.file), found.originalSource)).href
    return { url: source, line: found.originalLine + 1 }
  }
}

/**
 * Self time per frame (function + file + line), using the sample timestamps. `window` (µs on
 * the monotonic clock, i.e. `process.hrtime()` of any process on the machine, which is what V8
 * stamps samples with) keeps only the samples taken under load; percentages are of the busy
 * (non-idle) time.
 */
export function summarizeProfile(
  profile: CpuProfile,
  options: {
    top?: number
    window?: { startUs: number; endUs: number }
    resolve?: LocationResolver | undefined
  } = {},
): ProfileSummary {
  const { top = 15, window, resolve } = options
  const byId = new Map<number, ProfileNode>()
  for (const node of profile.nodes) byId.set(node.id, node)
  const selfById = new Map<number, number>()
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  let windowed = false
  if (samples.length > 0 && deltas.length === samples.length) {
    // a sample's time is the start plus the deltas so far (one delta per sample: checked above);
    // the time until the next sample is attributed to this sample's frame (none after the last)
    let at = profile.startTime
    const ticks = samples.map((id, i) => {
      at += deltas[i] ?? 0
      return { id, at, self: Math.max(0, deltas[i + 1] ?? 0) }
    })
    const inWindow = (tick: { at: number }) =>
      !window || (tick.at >= window.startUs && tick.at <= window.endUs)
    windowed = window !== undefined && ticks.some(inWindow)
    for (const tick of ticks) {
      if (windowed && !inWindow(tick)) continue
      selfById.set(tick.id, (selfById.get(tick.id) ?? 0) + tick.self)
    }
  } else {
    const interval = (profile.endTime - profile.startTime) / Math.max(1, samples.length)
    for (const node of profile.nodes) selfById.set(node.id, (node.hitCount ?? 0) * interval)
  }

  const frames = new Map<string, Frame>()
  const groups = new Map<string, number>()
  let totalUs = 0
  let idleUs = 0
  for (const [id, selfUs] of selfById) {
    const node = byId.get(id)
    if (!node || selfUs === 0) continue
    const cf = node.callFrame
    totalUs += selfUs
    if (cf.functionName === '(idle)' && cf.url === '') {
      idleUs += selfUs
      continue
    }
    let location = ''
    let group = groupOf(cf)
    if (cf.url !== '') {
      const original = resolve?.(cf.url, cf.lineNumber, cf.columnNumber)
      if (original) {
        location = `${shortUrl(original.url)}:${original.line}`
        group = groupOf({ ...cf, url: original.url })
      } else {
        location = `${shortUrl(cf.url)}:${cf.lineNumber + 1}`
      }
    }
    groups.set(group, (groups.get(group) ?? 0) + selfUs)
    const key = `${cf.functionName}\u0000${location}`
    const frame = frames.get(key)
    if (frame) frame.selfUs += selfUs
    else
      frames.set(key, { functionName: cf.functionName || '(anonymous)', location, group, selfUs, selfPct: 0 })
  }
  const busyUs = totalUs - idleUs
  const pct = (us: number) => (busyUs > 0 ? (us / busyUs) * 100 : 0)
  const sorted = [...frames.values()].sort((a, b) => b.selfUs - a.selfUs).slice(0, top)
  for (const f of sorted) f.selfPct = pct(f.selfUs)
  return {
    totalUs,
    idleUs,
    windowed,
    frames: sorted,
    groups: [...groups.entries()]
      .map(([group, selfUs]) => ({ group, selfUs, selfPct: pct(selfUs) }))
      .sort((a, b) => b.selfUs - a.selfUs),
  }
}
