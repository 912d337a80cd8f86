/**
 * Runs a command-line tool from node_modules/.bin the way a user would, with a time limit, and
 * returns what it printed and its exit code (a linter that finds problems exits non-zero).
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The repository root (where redocly.yaml and .spectral.yaml are). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** What a tool run printed. */
export interface ToolRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Where and how long a process may run, and what it gets in its environment besides this one's. */
export interface RunOptions {
  readonly cwd?: string
  readonly timeoutMs?: number
  readonly env?: Readonly<Record<string, string>>
}

/**
 * Runs `node_modules/.bin/<tool> ...args` in `cwd` (default: the repository); kills it after `timeoutMs`.
 *
 * @example
 * const { stdout } = await runTool('spectral', ['lint', '-f', 'json', 'doc.json'])
 */
export function runTool(tool: string, args: readonly string[], options: RunOptions = {}): Promise<ToolRun> {
  return runProcess(`${ROOT}node_modules/.bin/${tool}`, args, options)
}

/**
 * Runs a program and resolves with its output and exit code; rejects only when it could not start
 * or was killed for running past `timeoutMs`.
 *
 * @example
 * await runProcess(process.execPath, ['client.js'], { env: { BASE_URL: server.url } })
 */
export function runProcess(
  command: string,
  args: readonly string[],
  { cwd = ROOT, timeoutMs = 120_000, env = {} }: RunOptions = {},
): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      {
        cwd,
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 64 * 1024 * 1024,
        // No telemetry or update checks: the tools run offline, and the same on every machine.
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
          NO_COLOR: '1',
          ...env,
        },
      },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(new Error(`${command} did not finish (${error.signal ?? error.message}): ${stderr}`))
          return
        }
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr })
      },
    )
  })
}
