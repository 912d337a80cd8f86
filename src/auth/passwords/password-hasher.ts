import { randomToken } from '../crypto/random-token.js'
import { loadArgon2 } from './argon2.js'

/**
 * Cost settings of {@link passwordHasher} (argon2id, RFC 9106).
 *
 * @example
 * passwordHasher({ memoryCost: 19_456, timeCost: 2, parallelism: 1 })
 */
export interface PasswordHasherOptions {
  /** Memory per hash in KiB (default 19456 = 19 MiB, OWASP's argon2id minimum). */
  memoryCost?: number
  /** Passes over the memory (default 2). */
  timeCost?: number
  /** Lanes (default 1). */
  parallelism?: number
  /** Longest password accepted, in characters (default 1024): bounds the work one request can cause. */
  maxLength?: number
}

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/

/**
 * Hashes and verifies passwords with argon2id. `verifyOrDummy` checks a login in the same time
 * whether or not the account exists: for an unknown user it verifies against a dummy hash made
 * with the same costs, so response time does not reveal which emails are registered.
 *
 * @example
 * const passwords = passwordHasher()
 * const stored = await passwords.hash('correct horse battery staple')
 * await passwords.verifyOrDummy(user?.passwordHash, loginRequest.password) // false for unknown users
 */
export class PasswordHasher {
  readonly #cost: { memoryCost: number; timeCost: number; parallelism: number }
  readonly #maxLength: number
  #dummy: Promise<string> | undefined

  constructor(options: PasswordHasherOptions = {}) {
    this.#cost = {
      memoryCost: options.memoryCost ?? 19_456,
      timeCost: options.timeCost ?? 2,
      parallelism: options.parallelism ?? 1,
    }
    this.#maxLength = options.maxLength ?? 1024
  }

  /** Hashes a password into a PHC string (`$argon2id$v=19$m=…`). @example await passwords.hash('secret') */
  async hash(password: string): Promise<string> {
    if (typeof password !== 'string' || password.length === 0 || password.length > this.#maxLength) {
      throw new RangeError(`A password must be 1 to ${this.#maxLength} characters`)
    }
    return (await loadArgon2()).hash(password, this.#cost)
  }

  /**
   * Whether `password` matches `hashed`; `false` (never an exception) for a malformed hash or a
   * password that is not a string or too long.
   *
   * @example
   * if (!(await passwords.verify(user.passwordHash, password))) throw new Unauthorized()
   */
  async verify(hashed: string, password: string): Promise<boolean> {
    if (typeof hashed !== 'string' || typeof password !== 'string') return false
    if (password.length > this.#maxLength) return false
    // Loaded outside the try: a missing argon2 is an error to report, never a "wrong password".
    const argon2 = await loadArgon2()
    try {
      return await argon2.verify(hashed, password)
    } catch {
      return false
    }
  }

  /**
   * Verifies against `hashed`, or — when the user does not exist — against a dummy hash of the same
   * cost, returning `false`. Use it for every login so both failures take the same time.
   *
   * @example
   * const ok = await passwords.verifyOrDummy(user?.passwordHash, loginRequest.password)
   */
  async verifyOrDummy(hashed: string | null | undefined, password: string): Promise<boolean> {
    if (typeof hashed === 'string') return this.verify(hashed, password)
    this.#dummy ??= this.hash(randomToken(24))
    await this.verify(
      await this.#dummy,
      typeof password === 'string' ? password.slice(0, this.#maxLength) : '',
    )
    return false
  }

  /**
   * Whether a stored hash was made with other (e.g. older, cheaper) settings and should be replaced
   * at the next successful login.
   *
   * @example
   * if (ok && passwords.needsRehash(user.passwordHash)) user.passwordHash = await passwords.hash(password)
   */
  needsRehash(hashed: string): boolean {
    const match = PHC.exec(hashed)
    if (match === null) return true
    const [, m, t, p] = match
    return (
      Number(m) !== this.#cost.memoryCost ||
      Number(t) !== this.#cost.timeCost ||
      Number(p) !== this.#cost.parallelism
    )
  }
}

/**
 * Creates a {@link PasswordHasher}; in tests, pass low costs (`{ memoryCost: 1024, timeCost: 1 }`).
 *
 * @example
 * const passwords = passwordHasher()
 */
export function passwordHasher(options?: PasswordHasherOptions): PasswordHasher {
  return new PasswordHasher(options)
}
