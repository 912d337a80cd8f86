/**
 * Driving `h2load` (nghttp2's HTTP/2 load generator) and reading its summary. One run = one
 * (server, scenario) cell for `-D` seconds with `-c` connections × `-m` concurrent streams, on
 * one thread pinned (taskset) to the load generator's core.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { LoadRequest } from './plan.js'
import { hasCommand } from './proc.js'

export interface H2loadResult {
  rps: number
  /** requests done (answered) */
  requests: number
  /** status classes as h2load counts them */
  status: { '2xx': number; '3xx': number; '4xx': number; '5xx': number }
  failed: number
  errored: number
  /** time for request (µs) */
  meanUs: number
  maxUs: number
}

/** h2load's version line, installing Debian's nghttp2-client first when missing (root only). */
export function ensureH2load(log: (line: string) => void): string {
  if (!hasCommand('h2load')) {
    if (process.getuid?.() !== 0) {
      throw new Error(
        'h2load is missing: install it with `sudo apt-get install -y nghttp2-client`, then rerun',
      )
    }
    log('h2load is missing: apt-get install -y nghttp2-client')
    const r = spawnSync('apt-get', ['install', '-y', 'nghttp2-client'], { stdio: 'inherit' })
    if (r.status !== 0 || !hasCommand('h2load')) throw new Error('apt-get install -y nghttp2-client failed')
  }
  const out = spawnSync('h2load', ['--version'], { encoding: 'utf8' }).stdout.trim()
  return out.replace(/^h2load\s+/, '') || 'unknown'
}

/** `12.3ms`, `456us`, `1.2s` → µs. */
export function parseDuration(text: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(text)
  if (!m) return Number.NaN
  const n = Number(m[1])
  return m[2] === 's' ? n * 1e6 : m[2] === 'ms' ? n * 1e3 : n
}

/** Reads h2load's summary (the `finished in`, `requests:`, `status codes:` and `time for request:` lines). */
export function parseH2load(output: string): H2loadResult {
  const rps = /finished in [^,]+, ([\d.]+) req\/s/.exec(output)
  const req =
    /requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored/.exec(
      output,
    )
  const st = /status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx/.exec(output)
  const time = /time for request:\s+(\S+)\s+(\S+)\s+(\S+)/.exec(output)
  if (!rps || !req || !st || !time) throw new Error(`unreadable h2load output:\n${output.slice(-600)}`)
  return {
    rps: Number(rps[1]),
    requests: Number(req[3]),
    status: { '2xx': Number(st[1]), '3xx': Number(st[2]), '4xx': Number(st[3]), '5xx': Number(st[4]) },
    failed: Number(req[5]),
    errored: Number(req[6]),
    meanUs: parseDuration(time[3] ?? ''),
    maxUs: parseDuration(time[2] ?? ''),
  }
}

export interface H2loadJob {
  base: string
  /** the scenario's requests; they must share one method, headers and body (h2load sends one kind) */
  requests: LoadRequest[]
  connections: number
  streams: number
  durationSec: number
  /** CPU to pin h2load to */
  cpu: number | undefined
  /** where the URI file / body file go */
  workDir: string
}

/**
 * The h2load command line of a job: a single URI on the command line, several through an `-i`
 * file (each client cycles through them), one `-H` per header, `-d` for a body (h2load then POSTs)
 * and a `:method` header for any other method.
 */
export function h2loadArgs(job: H2loadJob): string[] {
  const [first] = job.requests
  if (first === undefined) throw new Error('a scenario without requests')
  const args = [
    '-t',
    '1',
    '-c',
    String(job.connections),
    '-m',
    String(job.streams),
    '-D',
    String(job.durationSec),
  ]
  for (const [name, value] of Object.entries(first.headers)) args.push('-H', `${name}: ${value}`)
  mkdirSync(job.workDir, { recursive: true })
  if (first.body !== undefined) {
    const file = path.join(job.workDir, 'body')
    writeFileSync(file, first.body)
    args.push('-d', file)
  } else if (first.method !== 'GET') {
    args.push('-H', `:method: ${first.method}`)
  }
  const uris = job.requests.map((r) => new URL(r.path, job.base).href)
  if (uris.length > 1) {
    const file = path.join(job.workDir, 'uris')
    writeFileSync(file, `${uris.join('\n')}\n`)
    args.push('-i', file)
  } else {
    args.push(uris[0] ?? job.base)
  }
  return args
}

/** Runs h2load once and parses its summary. */
export function runH2load(job: H2loadJob): Promise<H2loadResult> {
  const args = h2loadArgs(job)
  const [cmd, argv] =
    job.cpu === undefined ? ['h2load', args] : ['taskset', ['-c', String(job.cpu), 'h2load', ...args]]
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (c: string) => {
      out += c
    })
    child.stderr.resume()
    // h2load waits for every started stream after -D ends: a stream the server never finishes
    // would hang the run, so it is stopped 20 s after its window and the round reported as failed
    const watchdog = setTimeout(() => child.kill('SIGKILL'), (job.durationSec + 20) * 1000)
    child.on('error', reject)
    child.on('close', (_code, signal) => {
      clearTimeout(watchdog)
      if (signal === 'SIGKILL') {
        reject(new Error(`h2load did not finish within ${job.durationSec + 20} s (streams left unanswered)`))
        return
      }
      try {
        resolve(parseH2load(out))
      } catch (err) {
        reject(err)
      }
    })
  })
}
