/**
 * The Node-only part of `restmachine/auth`: argon2id through `@node-rs/argon2` (a native addon with
 * prebuilt binaries, installed from the registry with no download step). It is imported lazily, on
 * the first hash or verify, so `restmachine/auth` itself still loads on Fetch-API runtimes that have
 * no native addons (they can use every building block except passwords).
 */

/** The argon2 functions RestMachine uses. */
export interface Argon2 {
  hash(
    password: string,
    options: { memoryCost: number; timeCost: number; parallelism: number },
  ): Promise<string>
  verify(hashed: string, password: string): Promise<boolean>
}

let loading: Promise<Argon2> | undefined

/**
 * Loads `@node-rs/argon2` once.
 *
 * @example
 * const argon2 = await loadArgon2()
 */
export function loadArgon2(): Promise<Argon2> {
  loading ??= import('@node-rs/argon2').then(
    (module) => module as Argon2,
    (error: unknown) => {
      loading = undefined
      throw new Error('Password hashing needs @node-rs/argon2, which runs on Node.js only', { cause: error })
    },
  )
  return loading
}
