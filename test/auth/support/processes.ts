/**
 * Runs an example as its own process — exactly as `npx tsx examples/auth/<name>.ts` does — on a
 * free port, for tests that need several real servers sharing one Redis.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const TSX = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url))

/** A running example process. */
export interface ExampleProcess {
  readonly url: string
  /** Everything it wrote, for failure messages. */
  readonly output: () => string
  /** Sends SIGTERM (graceful shutdown) and waits for the exit; SIGKILL after 5 s. */
  stop(): Promise<void>
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/**
 * Starts `examples/<script>` with `env` added to this process's environment and resolves once it
 * prints that it is listening.
 *
 * @example
 * const a = await startExample('auth/jwt.ts', { REDIS_URL: url, REDIS_PREFIX: prefix })
 */
export async function startExample(script: string, env: Record<string, string>): Promise<ExampleProcess> {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, [TSX, `examples/${script}`], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start within 30 s:\n${output}`)),
      30_000,
    )
    const check = () => {
      if (output.includes('listening on')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${script} exited (${code}) before listening:\n${output}`))
    })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    },
  }
}
