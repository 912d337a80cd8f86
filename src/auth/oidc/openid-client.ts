/**
 * openid-client, an optional peer of `restmachine/auth` (certified OpenID Connect relying party,
 * Web-standard: `fetch` and Web Crypto only): imported on the first login, so the entry loads
 * without it and a missing install names its command.
 */
import { peerFailed } from '../optional-peer.js'

/** The openid-client module. */
export type OpenIdClient = typeof import('openid-client')

/** The openid-client `Configuration` (the discovered provider plus this client). */
export type OpenIdConfiguration = import('openid-client').Configuration

let loading: Promise<OpenIdClient> | undefined

/**
 * Loads openid-client once.
 *
 * @example
 * const { discovery } = await loadOpenIdClient()
 */
export function loadOpenIdClient(): Promise<OpenIdClient> {
  loading ??= import('openid-client').catch((error: unknown) => {
    loading = undefined
    return peerFailed('oidcLogin', 'openid-client', error)
  })
  return loading
}
