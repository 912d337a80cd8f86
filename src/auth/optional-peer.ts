/**
 * `restmachine/auth` loads its optional peers (`jose`, `@node-rs/argon2`, `rate-limiter-flexible`)
 * on first use, so the entry itself imports with none of them installed — on any runtime. When one
 * is needed and cannot be loaded, the error names the package and the command that installs it.
 */

/** Whether an import failed because the package is not installed (rather than failing to load). */
function isNotInstalled(error: unknown, specifier: string): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return true
  return (
    /cannot find (module|package)|module not found|failed to resolve/i.test(error.message) &&
    error.message.includes(specifier)
  )
}

/**
 * Imports an optional peer, or throws an error that says which feature needs it and how to install
 * it. `whenUnloadable` explains a package that is installed but cannot load on this runtime.
 *
 * @example
 * const jose = await importPeer('createJwt', 'jose', () => import('jose'))
 */
export async function importPeer<T>(
  feature: string,
  specifier: string,
  load: () => Promise<T>,
  whenUnloadable?: string,
): Promise<T> {
  try {
    return await load()
  } catch (error) {
    if (whenUnloadable !== undefined && !isNotInstalled(error, specifier)) {
      throw new Error(`restmachine/auth: ${feature} cannot load "${specifier}": ${whenUnloadable}`, {
        cause: error,
      })
    }
    throw new Error(
      `restmachine/auth: ${feature} needs the optional peer "${specifier}", which is not installed — npm install ${specifier}`,
      { cause: error },
    )
  }
}
