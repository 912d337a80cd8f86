import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
export const ROOT = new URL('../../', import.meta.url).pathname
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name)

/** The outcome of a command: its exit code and output (never throws for a non-zero exit). */
export interface CommandResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs a command with a time bound, resolving with its exit code instead of throwing. */
export async function command(
  file: string,
  args: readonly string[],
  cwd: string,
  timeoutMs: number,
): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run(file, [...args], {
      cwd,
      timeout: timeoutMs,
      maxBuffer: 32 * 1024 * 1024,
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string }
    return {
      code: typeof failed.code === 'number' ? failed.code : 1,
      stdout: failed.stdout ?? '',
      stderr: `${failed.stderr ?? ''}${String(error)}`,
    }
  }
}

/**
 * Builds the package as `npm publish` would (compiled into a temporary folder, so the repository's
 * own dist/ is left alone) and packs it: returns the path of the tarball.
 */
export async function packPackage(workdir: string): Promise<string> {
  const staging = join(workdir, 'staging')
  mkdirSync(staging, { recursive: true })
  cpSync(join(ROOT, 'package.json'), join(staging, 'package.json'))
  cpSync(join(ROOT, 'README.md'), join(staging, 'README.md'))
  const build = await command(
    bin('tsc'),
    ['-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(staging, 'dist')],
    ROOT,
    180_000,
  )
  if (build.code !== 0) throw new Error(`the build failed:\n${build.stdout}${build.stderr}`)
  // The build already ran; `prepack` would build into the repository's dist/ instead.
  const pack = await command(
    'npm',
    ['pack', '--ignore-scripts', '--pack-destination', workdir],
    staging,
    60_000,
  )
  if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`)
  const tarball = readdirSync(workdir).find((name) => name.endsWith('.tgz'))
  if (tarball === undefined) throw new Error('npm pack made no tarball')
  return join(workdir, tarball)
}

/** A fresh project that installs only the tarball, as a user would (optional peers are not installed). */
export async function installInFreshProject(workdir: string, tarball: string): Promise<string> {
  const project = join(workdir, 'project')
  mkdirSync(project, { recursive: true })
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'fresh-project', version: '1.0.0', private: true, type: 'module' }),
  )
  const install = await command(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball],
    project,
    240_000,
  )
  if (install.code !== 0) throw new Error(`npm install failed:\n${install.stderr}`)
  return project
}

/** A new temporary folder for one run. */
export function temporaryFolder(): string {
  return mkdtempSync(join(tmpdir(), 'restmachine-package-'))
}

export { bin }
