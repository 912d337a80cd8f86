/**
 * jose, an optional peer of `restmachine/auth` (pure JavaScript, Web Crypto only): imported on the
 * first sign or verify, so the entry loads without it and a missing install names its command.
 */
import { peerFailed } from '../optional-peer.js'

/** The jose module. */
export type Jose = typeof import('jose')

let loading: Promise<Jose> | undefined

/**
 * Loads jose once.
 *
 * @example
 * const { SignJWT } = await loadJose()
 */
export function loadJose(): Promise<Jose> {
  loading ??= import('jose').catch((error: unknown) => {
    loading = undefined
    return peerFailed('createJwt', 'jose', error)
  })
  return loading
}
