/** Drives a server with wrk (pinned to CPU 0) for a while and returns how many responses it got. */
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { wrkScript } from '../lib/load.js'
import type { LoadRequest } from '../lib/plan.js'

/** Options of one wrk run: a duration (`-d`) and connections (`-c`). */
export interface WrkRun {
  seconds: number
  connections: number
}

/**
 * Runs wrk against `base` cycling through `requests`; resolves with the completed responses.
 * Rejects when any answer was not 2xx/3xx or a socket error occurred: a figure of wrong answers is
 * no figure.
 */
export async function runWrk(base: string, requests: LoadRequest[], run: WrkRun): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wrk-'))
  const script = path.join(dir, 'load.lua')
  writeFileSync(script, wrkScript(requests))
  const url = requests.length === 1 ? `${base}${requests[0]?.path}` : base
  const wrk = spawn(
    'taskset',
    ['-c', '0', 'wrk', '-t1', `-c${run.connections}`, `-d${run.seconds}s`, '-s', script, url],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let output = ''
  wrk.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const code = await new Promise<number | null>((resolve) => wrk.once('exit', resolve))
  const line = /BENCH_RESULT (\{.*\})/.exec(output)?.[1]
  if (code !== 0 || line === undefined) throw new Error(`wrk failed (exit ${code}):\n${output}`)
  const result = JSON.parse(line) as Record<string, number>
  const failures = ['connect', 'read', 'write', 'status', 'timeout'].filter((k) => (result[k] ?? 0) > 0)
  if (failures.length > 0) throw new Error(`wrk saw errors: ${line}`)
  return result.requests ?? 0
}
