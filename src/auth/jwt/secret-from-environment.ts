import { ConfigurationError } from '../../errors/index.js'
import { randomToken } from '../crypto/random-token.js'

/**
 * Options of {@link secretFromEnvironment}.
 *
 * @example
 * secretFromEnvironment('JWT_SECRET_KEY', { whenMissing: 'random' }) // demos only
 */
export interface SecretFromEnvironmentOptions {
  /** Where to read (default `globalThis.process.env`, i.e. Node, Bun, Deno's Node mode). */
  env?: Readonly<Record<string, string | undefined>>
  /**
   * When the variable is unset: `'throw'` (default — the guide's best practice 2), or `'random'`:
   * a random secret for this process only, with one warning (tokens die with the process and are
   * not shared between instances; demos only).
   */
  whenMissing?: 'throw' | 'random'
  /** Where the warning goes (default `console.warn`). */
  warn?: (message: string) => void
}

/**
 * Reads a secret from the environment; there is never a default secret.
 *
 * @example
 * const jwt = createJwt({ secret: secretFromEnvironment('JWT_SECRET_KEY'), issuer: 'my-api' })
 */
export function secretFromEnvironment(name: string, options: SecretFromEnvironmentOptions = {}): string {
  const env =
    options.env ??
    (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ??
    {}
  const value = env[name]
  if (value !== undefined && value !== '') return value
  if (options.whenMissing !== 'random') {
    throw new ConfigurationError(
      `The environment variable ${name} is not set; set it to a long random secret`,
    )
  }
  ;(options.warn ?? console.warn)(
    `[restmachine/auth] ${name} is not set: using a random secret for this process (tokens die with it, and other instances will not accept them)`,
  )
  return randomToken(48)
}
