/**
 * The Node-only part of `restmachine/auth`: argon2id through `@node-rs/argon2` (a native addon with
 * prebuilt binaries, installed from the registry with no download step), an optional peer. It is
 * imported lazily, on the first hash or verify, so `restmachine/auth` itself still loads on
 * Fetch-API runtimes that have no native addons (they can use every building block except
 * passwords) and where the package is not installed.
 */
import { peerFailed } from '../optional-peer.js'

/** The argon2 functions RestMachine uses. */
export interface Argon2 {
  hash(
    password: string,
    options: { memoryCost: number; timeCost: number; parallelism: number },
  ): Promise<string>
  verify(hashed: string, password: string): Promise<boolean>
}

/** What to do on a runtime that cannot load native addons (Cloudflare Workers, browsers…). */
const NO_NATIVE_BINDINGS =
  'this runtime lacks the native bindings argon2 needs (native addons load on Node.js, Bun and Deno, ' +
  'not on Cloudflare Workers or other Fetch-only runtimes). Hash passwords where native code runs ' +
  '(a Node.js service), or with a Web-standard algorithm: PBKDF2-HMAC-SHA256 through ' +
  'crypto.subtle.deriveBits with at least 600,000 iterations (OWASP). See docs/auth.md'

// Not a literal in `import()`: bundlers then leave the native addon to run-time resolution instead
// of trying to bundle its `.node` binary (which fails a Workers build even when it is installed).
const ARGON2 = '@node-rs/argon2'

let loading: Promise<Argon2> | undefined

/**
 * Loads `@node-rs/argon2` once.
 *
 * @example
 * const argon2 = await loadArgon2()
 */
export function loadArgon2(): Promise<Argon2> {
  loading ??= import(/* @vite-ignore */ ARGON2).then(
    (module: Argon2) => module,
    (error: unknown) => {
      loading = undefined
      return peerFailed('passwordHasher', ARGON2, error, NO_NATIVE_BINDINGS)
    },
  )
  return loading
}
