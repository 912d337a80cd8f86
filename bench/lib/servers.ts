/** Discovering, starting (pinned) and stopping the benchmark servers. */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Launch } from './build.js'
import { statusKb } from './proc.js'

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const SERVERS_DIR = path.join(BENCH_DIR, 'servers')

/** Every server the benchmark knows, in report order; restmachine first (the subject). */
export const ALL_SERVERS = ['restmachine', 'node-http', 'fastify', 'hono', 'express'] as const

/**
 * Variants measured only when `BENCH_SERVERS` names them (never in `all`): a server with pino
 * logging on, each right after its plain server in report order.
 */
export const VARIANT_SERVERS = ['restmachine-pino', 'fastify-pino'] as const

/** Report order of every server name `BENCH_SERVERS` accepts: the subject (first listed) leads. */
export const SERVER_ORDER: readonly string[] = [
  'restmachine',
  'restmachine-pino',
  'node-http',
  'fastify',
  'fastify-pino',
  'hono',
  'express',
]

export const serverFile = (name: string): string => path.join(SERVERS_DIR, `${name}.ts`)
export const serverExists = (name: string): boolean => existsSync(serverFile(name))

export interface StartOptions {
  /** how to load the server (see build.ts) */
  launch: Launch
  /** CPU to pin the server to with taskset (undefined = no pinning) */
  cpu?: number | undefined
  /** the runtime to run instead of this node (e.g. node_modules/.bin/bun for the --bun mode) */
  command?: string
  /** extra node flags, placed before the server (e.g. --cpu-prof) */
  nodeArgs?: string[]
  env?: Record<string, string>
  /** ms to wait for the ready line */
  timeoutMs?: number
}

export interface RunningServer {
  name: string
  port: number
  pid: number
  /** VmRSS right after the ready line, kB */
  startupRssKb: number | null
  stop(): Promise<void>
  /** resolves with the exit code when the process ends */
  exited: Promise<number | null>
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}

/**
 * Starts a server as `[taskset -c <cpu>] node [nodeArgs] <launch args>` with PORT set, and
 * resolves once it prints `listening on <port>`.
 */
export async function startServer(name: string, opts: StartOptions): Promise<RunningServer> {
  const port = await freePort()
  const nodeArgs = [...(opts.nodeArgs ?? []), ...opts.launch.args]
  const exe = opts.command ?? process.execPath
  const [cmd, args] =
    opts.cpu === undefined ? [exe, nodeArgs] : ['taskset', ['-c', String(opts.cpu), exe, ...nodeArgs]]

  const child: ChildProcess = spawn(cmd, args, {
    cwd: path.resolve(BENCH_DIR, '..'),
    env: { ...process.env, NODE_ENV: 'production', ...opts.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const pid = child.pid
  if (pid === undefined) throw new Error(`${name}: could not spawn ${cmd}`)

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  let stderr = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000)
  })

  await new Promise<void>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${name}: no "listening on ${port}" within ${opts.timeoutMs ?? 20000} ms\n${stderr}`))
    }, opts.timeoutMs ?? 20000)
    child.stdout?.setEncoding('utf8')
    const onData = (chunk: string) => {
      out += chunk
      if (/listening on \d+/.test(out)) {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        child.stdout?.resume() // keep draining whatever the server prints later
        resolve()
      }
    }
    child.stdout?.on('data', onData)
    exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`${name}: exited with code ${code} before it was ready\n${stderr}`))
    })
  })

  return {
    name,
    port,
    pid,
    startupRssKb: statusKb(pid, 'VmRSS'),
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10000).unref())
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        child.kill('SIGKILL')
        await exited
      }
    },
  }
}
