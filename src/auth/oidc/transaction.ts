import { BadRequest, ConfigurationError } from '../../errors/index.js'
import { digestsEqual } from '../crypto/constant-time.js'
import { toBase64Url } from '../crypto/random-token.js'

/**
 * What the login remembers until the provider sends the browser back: the values the callback
 * must see again (state, nonce), the PKCE verifier, and where to go afterwards.
 */
export interface LoginTransaction {
  readonly state: string
  readonly nonce: string
  readonly verifier: string
  readonly returnTo: string
  /** When the transaction stops being accepted (epoch seconds). */
  readonly expiresAt: number
}

/** The longest transaction cookie value read (a real one is about 400 characters). */
const MAX_VALUE = 2048
/** HMAC-SHA-256 is 32 bytes: 43 base64url characters, at the end of the value. */
const SIGNATURE_LENGTH = 43
const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * Signs and reads login transactions carried in a cookie: `base64url(JSON) + base64url(HMAC)`,
 * HMAC-SHA-256 under the application's secret (Web Crypto), compared in constant time. The
 * cookie is signed, not encrypted: it holds nothing the browser that started the login may not
 * see, and its signature stops anyone else from choosing the state, nonce or verifier.
 */
export class TransactionSigner {
  readonly #key: Promise<CryptoKey>

  constructor(secret: string) {
    if (typeof secret !== 'string' || encoder.encode(secret).length < 32) {
      throw new ConfigurationError(
        'oidcLogin: secret must be at least 32 bytes of random data (e.g. openssl rand -base64 48)',
      )
    }
    this.#key = crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    )
  }

  async #sign(payload: string): Promise<Uint8Array> {
    return new Uint8Array(await crypto.subtle.sign('HMAC', await this.#key, encoder.encode(payload)))
  }

  /** The cookie value for a transaction. @example await signer.seal(transaction) */
  async seal(transaction: LoginTransaction): Promise<string> {
    const payload = toBase64Url(encoder.encode(JSON.stringify(transaction)))
    return payload + toBase64Url(await this.#sign(payload))
  }

  /**
   * The transaction a cookie value carries, or a 400 when it is missing, altered or expired.
   *
   * @example
   * const transaction = await signer.open(cookies.oidc_transaction, Date.now() / 1000)
   */
  async open(value: string | undefined, nowSeconds: number): Promise<LoginTransaction> {
    if (value === undefined || value === '') {
      throw loginStateError('No login in progress (the login state cookie is missing or expired)', 'missing')
    }
    if (value.length > MAX_VALUE || value.length <= SIGNATURE_LENGTH || !/^[A-Za-z0-9_-]+$/.test(value)) {
      throw loginStateError('The login state cookie is malformed', 'invalid')
    }
    const payload = value.slice(0, -SIGNATURE_LENGTH)
    const presented = fromBase64Url(value.slice(-SIGNATURE_LENGTH))
    if (presented === undefined || !digestsEqual(await this.#sign(payload), presented)) {
      throw loginStateError('The login state cookie is not genuine', 'invalid')
    }
    const transaction = parseTransaction(payload)
    if (transaction === undefined) throw loginStateError('The login state cookie is malformed', 'invalid')
    if (transaction.expiresAt <= nowSeconds) {
      throw loginStateError('The login took too long; start it again', 'expired')
    }
    return transaction
  }
}

/** The 400 for a callback whose login state cannot be used (`oidc_state_<reason>`). */
export function loginStateError(message: string, reason: string): BadRequest {
  return new BadRequest(message, { code: `oidc_state_${reason}` })
}

function fromBase64Url(value: string): Uint8Array | undefined {
  try {
    const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'))
    return Uint8Array.from(binary, (character) => character.charCodeAt(0))
  } catch {
    return undefined
  }
}

function parseTransaction(payload: string): LoginTransaction | undefined {
  const bytes = fromBase64Url(payload)
  if (bytes === undefined) return undefined
  try {
    const value = JSON.parse(decoder.decode(bytes)) as Partial<Record<keyof LoginTransaction, unknown>> | null
    const { state, nonce, verifier, returnTo, expiresAt } = value ?? {}
    if (
      typeof state !== 'string' ||
      typeof nonce !== 'string' ||
      typeof verifier !== 'string' ||
      typeof returnTo !== 'string' ||
      typeof expiresAt !== 'number'
    ) {
      return undefined
    }
    return { state, nonce, verifier, returnTo, expiresAt }
  } catch {
    return undefined
  }
}
