/** Small Linux /proc and process helpers for the harness (all best-effort: null when unavailable). */
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'

/** Is `cmd` on PATH? */
export function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0
}

/** A `/proc/<pid>/status` field in kB (VmRSS, VmHWM, …). */
export function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)
    return match ? Number(match[1]) : null
  } catch {
    return null
  }
}

/** Resets the peak-RSS watermark (VmHWM) of a process we own; false when the kernel refuses. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

let clockTicks: number | null = null
function ticksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      clockTicks = 100
    }
  }
  return clockTicks
}

/** User + system CPU seconds consumed so far by a process (all its threads). */
export function cpuSeconds(pid: number): number | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // fields after the parenthesised command name; utime and stime are fields 14 and 15
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ')
    const utime = Number(rest[11])
    const stime = Number(rest[12])
    return (utime + stime) / ticksPerSecond()
  } catch {
    return null
  }
}

/**
 * Busy (non-idle, non-iowait) CPU seconds of one CPU since boot, steal time included, from
 * /proc/stat. Busy time of the server's CPU minus the server's own CPU time = what else ran there.
 */
export function cpuBusySeconds(cpu: number): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`cpu${cpu} `))
    if (!line) return null
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number)
    return (
      ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) /
      ticksPerSecond()
    )
  } catch {
    return null
  }
}

/** Pins every thread of a running process to one CPU with `taskset`; false on failure. */
export function pinProcess(pid: number, cpu: number): boolean {
  return spawnSync('taskset', ['-a', '-cp', String(cpu), String(pid)], { stdio: 'ignore' }).status === 0
}

export interface MachineInfo {
  cpuModel: string
  cpuCount: number
  node: string
  os: string
  memoryGb: number
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus()
  let model = cpus[0]?.model?.trim() ?? 'unknown CPU'
  try {
    const lscpu = execFileSync('lscpu', { encoding: 'utf8' })
    const m = /^Model name:\s+(.+)$/m.exec(lscpu)
    if (m?.[1]) model = m[1].trim()
  } catch {
    // keep os.cpus()
  }
  return {
    cpuModel: model.replace(/\s+/g, ' '),
    cpuCount: os.availableParallelism?.() ?? cpus.length,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
