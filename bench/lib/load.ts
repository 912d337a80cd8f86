/**
 * Load generators: `wrk` (preferred, if installed) or `autocannon` (programmatic, in a
 * long-lived child process), both pinned to the load CPU with taskset and both returning the
 * same LoadResult.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { LoadRequest } from './plan.js'
import { cpuSeconds, hasCommand } from './proc.js'
import { BENCH_DIR } from './servers.js'

export interface LoadJob {
  /** http://127.0.0.1:<port> */
  base: string
  requests: LoadRequest[]
  connections: number
  durationSec: number
  /** statuses that count as correct */
  expected: number[]
}

export interface LoadResult {
  /** completed responses */
  requests: number
  durationSec: number
  rps: number
  /** latency percentiles in microseconds */
  p50Us: number
  p99Us: number
  maxUs: number
  /** responses whose status is not in `expected` (wrk: by status class, see README) */
  unexpected: number
  /** socket errors and timeouts */
  errors: number
  /** CPU seconds / wall seconds used by the load generator (1 = one core saturated) */
  toolCpu: number | null
}

export interface LoadTool {
  name: string
  version: string
  run(job: LoadJob): Promise<LoadResult>
  close(): Promise<void>
}

const pinned = (cpu: number | undefined, cmd: string, args: string[]): [string, string[]] =>
  cpu === undefined ? [cmd, args] : ['taskset', ['-c', String(cpu), cmd, ...args]]

// ---------------------------------------------------------------------------------------------
// wrk
// ---------------------------------------------------------------------------------------------

/** A Lua string literal for any (byte) string. */
function luaString(s: string): string {
  let out = '"'
  for (const byte of Buffer.from(s, 'utf8')) {
    if (byte === 0x22) out += '\\"'
    else if (byte === 0x5c) out += '\\\\'
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte)
    else out += `\\${byte}`
  }
  return `${out}"`
}

const luaHeaders = (headers: Record<string, string>): string =>
  `{${Object.entries(headers)
    .map(([k, v]) => `[${luaString(k)}] = ${luaString(v)}`)
    .join(', ')}}`

/** The path in wrk's URL: the only request's, or `/` when the script picks among several. */
export function wrkPath(requests: readonly LoadRequest[]): string {
  const [only, ...others] = requests
  return only !== undefined && others.length === 0 ? only.path : '/'
}

/** The wrk script: the request(s) plus a done() that prints one machine-readable line. */
export function wrkScript(requests: LoadRequest[]): string {
  const lines: string[] = []
  if (requests.length === 1) {
    // static request: wrk builds it once (fastest path); the URL carries the path
    const [r] = requests as [LoadRequest]
    lines.push(`wrk.method = ${luaString(r.method)}`)
    if (r.body !== undefined) lines.push(`wrk.body = ${luaString(r.body)}`)
    for (const [k, v] of Object.entries(r.headers))
      lines.push(`wrk.headers[${luaString(k)}] = ${luaString(v)}`)
  } else {
    lines.push('local specs = {')
    for (const r of requests) {
      const body = r.body === undefined ? 'nil' : luaString(r.body)
      lines.push(`  {${luaString(r.method)}, ${luaString(r.path)}, ${luaHeaders(r.headers)}, ${body}},`)
    }
    lines.push(
      '}',
      'local reqs = {}',
      'local n = #specs',
      'local i = 0',
      'init = function(args)',
      '  for k, s in ipairs(specs) do reqs[k] = wrk.format(s[1], s[2], s[3], s[4]) end',
      'end',
      'request = function()',
      '  i = i + 1',
      '  if i > n then i = 1 end',
      '  return reqs[i]',
      'end',
    )
  }
  lines.push(
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    '  io.write(string.format(\'\\nBENCH_RESULT {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,' +
      '"write":%d,"status":%d,"timeout":%d,"p50":%d,"p99":%d,"max":%d}\\n\',',
    '    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,',
    '    latency:percentile(50), latency:percentile(99), latency.max))',
    'end',
  )
  return `${lines.join('\n')}\n`
}

interface WrkSummary {
  requests: number
  duration_us: number
  connect: number
  read: number
  write: number
  status: number
  timeout: number
  p50: number
  p99: number
  max: number
}

export function createWrk(cpu: number | undefined): LoadTool {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-wrk-'))
  let scriptCounter = 0
  let version = 'wrk'
  try {
    version = execFileSync('wrk', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (err) {
    // wrk --version exits 1 after printing its version
    const out = (err as { stdout?: string }).stdout
    if (out) version = out
  }
  version = /wrk\s+(\S+)/.exec(version)?.[1] ?? 'unknown'

  return {
    name: 'wrk',
    version,
    async run(job) {
      const script = path.join(dir, `s${scriptCounter++}.lua`)
      writeFileSync(script, wrkScript(job.requests))
      const url = job.base + wrkPath(job.requests)
      const wrkArgs = [
        '-t1',
        `-c${job.connections}`,
        `-d${Math.max(1, Math.round(job.durationSec))}s`,
        '--timeout',
        '5s',
        '--latency',
        '-s',
        script,
        url,
      ]
      const [cmd, args] = pinned(cpu, 'wrk', wrkArgs)
      const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
      const started = performance.now()
      // sample the tool's CPU time while it runs (the process is gone when it is done)
      let lastCpu: { cpu: number; wall: number } | null = null
      const sampler = setInterval(() => {
        const cpuTime = child.pid === undefined ? null : cpuSeconds(child.pid)
        if (cpuTime !== null) lastCpu = { cpu: cpuTime, wall: (performance.now() - started) / 1000 }
      }, 250)
      let stdout = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        stdout += c
      })
      child.stderr.setEncoding('utf8').on('data', (c: string) => {
        stderr += c
      })
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
      clearInterval(sampler)
      const result = /BENCH_RESULT (\{.*\})/.exec(stdout)?.[1]
      if (code !== 0 || result === undefined)
        throw new Error(`wrk failed (exit ${code}): ${stderr || stdout}`)
      const s = JSON.parse(result) as WrkSummary
      const durationSec = s.duration_us / 1e6
      // wrk only knows "non-2xx/3xx"; for scenarios that expect a 4xx the unexpected ones are the rest
      const expectsSuccess = job.expected.every((st) => st < 400)
      const sampled = lastCpu as { cpu: number; wall: number } | null
      return {
        requests: s.requests,
        durationSec,
        rps: s.requests / durationSec,
        p50Us: s.p50,
        p99Us: s.p99,
        maxUs: s.max,
        unexpected: expectsSuccess ? s.status : s.requests - s.status,
        errors: s.connect + s.read + s.write + s.timeout,
        toolCpu: sampled && sampled.wall > 0.5 ? sampled.cpu / sampled.wall : null,
      }
    },
    async close() {
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

// ---------------------------------------------------------------------------------------------
// autocannon (in a child process so it can be pinned to its own core)
// ---------------------------------------------------------------------------------------------

export interface WorkerJob {
  id: number
  url: string
  connections: number
  duration: number
  requests: LoadRequest[]
}

export interface WorkerReply {
  id: number
  error?: string
  result?: {
    requests: number
    duration: number
    p50: number
    p99: number
    max: number
    statusCodes: Record<string, number>
    errors: number
    timeouts: number
  }
}

export async function createAutocannon(cpu: number | undefined): Promise<LoadTool> {
  const worker = path.join(BENCH_DIR, 'lib', 'autocannon-worker.ts')
  const [cmd, args] = pinned(cpu, process.execPath, ['--import', 'tsx', worker])
  const child: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const pid = child.pid
  if (pid === undefined) throw new Error('could not start the autocannon worker')
  let version = 'unknown'
  try {
    const pkg = await import('autocannon/package.json', { with: { type: 'json' } })
    version = (pkg.default as { version: string }).version
  } catch {
    // version stays unknown
  }
  let nextId = 0
  const pending = new Map<number, (reply: WorkerReply) => void>()
  child.on('message', (msg: WorkerReply) => {
    pending.get(msg.id)?.(msg)
    pending.delete(msg.id)
  })

  return {
    name: 'autocannon',
    version,
    async run(job) {
      const id = nextId++
      const before = cpuSeconds(pid)
      const started = performance.now()
      const reply = await new Promise<WorkerReply>((resolve) => {
        pending.set(id, resolve)
        const message: WorkerJob = {
          id,
          url: job.base,
          connections: job.connections,
          duration: job.durationSec,
          requests: job.requests,
        }
        child.send(message)
      })
      const after = cpuSeconds(pid)
      const wall = (performance.now() - started) / 1000
      if (reply.error || !reply.result) throw new Error(`autocannon failed: ${reply.error}`)
      const r = reply.result
      let expectedCount = 0
      for (const st of job.expected) expectedCount += r.statusCodes[String(st)] ?? 0
      // autocannon records latency in whole milliseconds
      return {
        requests: r.requests,
        durationSec: r.duration,
        rps: r.requests / r.duration,
        p50Us: r.p50 * 1000,
        p99Us: r.p99 * 1000,
        maxUs: r.max * 1000,
        unexpected: r.requests - expectedCount,
        errors: r.errors,
        toolCpu: before !== null && after !== null ? (after - before) / wall : null,
      }
    },
    async close() {
      child.kill('SIGTERM')
    },
  }
}

/** wrk when installed (unless BENCH_TOOL says otherwise), else autocannon. */
export async function createLoadTool(
  preference: string | undefined,
  cpu: number | undefined,
): Promise<LoadTool> {
  const wantWrk = preference === 'wrk' || (preference !== 'autocannon' && hasCommand('wrk'))
  if (wantWrk) {
    if (!hasCommand('wrk')) throw new Error('BENCH_TOOL=wrk but wrk is not installed')
    return createWrk(cpu)
  }
  return createAutocannon(cpu)
}
