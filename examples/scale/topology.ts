import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { nginxConfig } from './nginx-config.js'

const ROOT = join(import.meta.dirname, '..', '..')

/** Options of {@link startTopology}. */
export interface TopologyOptions {
  /** How many app instances. Default 2. */
  instances?: number
  /** The proxy's port; `0` picks a free one. Default 8080. */
  port?: number
  /** The Redis every instance shares (sessions, refresh tokens, rate limits). */
  redisUrl: string
  /** Prefix of this deployment's Redis keys. Default `restmachine-scale:`. */
  redisPrefix?: string
  /** The HS256 secret every instance shares. Default: a random one for this run. */
  jwtSecret?: string
  /** The app's entry script, relative to the repository. Default `examples/auth-complete.ts`. */
  app?: string
  /** More environment for the instances (e.g. `LOGIN_RATE_LIMIT`). */
  env?: Record<string, string>
}

/** One app instance behind the proxy. */
export interface Instance {
  readonly port: number
  /** Whether its process is running. */
  readonly running: boolean
  /** Kills it (`SIGKILL` by default: a crash; `SIGTERM` drains first) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>
  /** Starts it again on the same port and waits until it answers. */
  restart(): Promise<void>
}

/** A running deployment. */
export interface Topology {
  /** The proxy's URL: the one address clients use. */
  readonly url: string
  readonly instances: readonly Instance[]
  /** Stops the proxy, then drains every instance. */
  stop(): Promise<void>
}

/**
 * Starts N instances of the app, each on its own port with the same secret and the same Redis,
 * and nginx in front of them.
 *
 * @example
 * const topology = await startTopology({ redisUrl: 'redis://127.0.0.1:6379' })
 * console.log(topology.url)
 */
export async function startTopology(options: TopologyOptions): Promise<Topology> {
  if (spawnSync('nginx', ['-v']).error !== undefined) {
    throw new Error('nginx is not installed (Debian: apt-get install -y nginx)')
  }
  const count = options.instances ?? 2
  const port = options.port === undefined || options.port === 0 ? await freePort() : options.port
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    HOST: '127.0.0.1',
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.redisPrefix ?? 'restmachine-scale:',
    JWT_SECRET_KEY: options.jwtSecret ?? randomBytes(32).toString('base64url'),
    TRUST_PROXY: '1',
    ...options.env,
  }
  const ports = await Promise.all(Array.from({ length: count }, freePort))
  const instances = ports.map((p) => instance(options.app ?? 'examples/auth-complete.ts', p, env))
  try {
    await Promise.all(instances.map((i) => i.restart()))
  } catch (error) {
    await Promise.all(instances.map((i) => i.kill()))
    throw error
  }
  const dir = mkdtempSync(join(tmpdir(), 'restmachine-nginx-'))
  // nginx workers drop root privileges; let them write their temporary files.
  mkdirSync(join(dir, 'tmp'), { mode: 0o777 })
  writeFileSync(join(dir, 'nginx.conf'), nginxConfig({ dir, port, upstreams: ports }))
  const nginx = spawn(
    'nginx',
    ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  )
  const url = `http://127.0.0.1:${port}`
  await waitUntilAnswering(url, nginx)
  return {
    url,
    instances,
    async stop() {
      await stopProcess(nginx, 'SIGQUIT') // nginx: graceful shutdown
      await Promise.all(instances.map((i) => i.kill('SIGTERM')))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function instance(app: string, port: number, env: Record<string, string>): Instance {
  let child: ChildProcess | undefined
  return {
    port,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null
    },
    async kill(signal = 'SIGKILL') {
      if (child !== undefined) await stopProcess(child, signal)
    },
    async restart() {
      child = spawn(process.execPath, ['--import', 'tsx', app], {
        cwd: ROOT,
        env: { ...env, PORT: String(port) },
        stdio: ['ignore', 'ignore', 'inherit'],
      })
      await waitUntilAnswering(`http://127.0.0.1:${port}`, child)
    },
  }
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${url}: the process exited (${child.exitCode}) before answering`)
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) })
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill(signal)
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
