/**
 * `restmachine/auth` loads its optional peers (`jose`, `@node-rs/argon2`, `rate-limiter-flexible`)
 * on first use, so the entry itself imports with none of them installed — on any runtime. When one
 * is needed and cannot be loaded, the error names the package and the command that installs it.
 *
 * Each `import()` carries its own `.catch(…)`: bundlers (esbuild, hence wrangler and Vite) then
 * leave a peer that is not installed to fail at run time instead of failing the build.
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
 * Throws the error for an optional peer whose import failed: which feature needs it and how to
 * install it, or — given `whenUnloadable` — why an installed package cannot load on this runtime.
 *
 * @example
 * const jose = await import('jose').catch((error: unknown) => peerFailed('createJwt', 'jose', error))
 */
export function peerFailed(
  feature: string,
  specifier: string,
  error: unknown,
  whenUnloadable?: string,
): never {
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
