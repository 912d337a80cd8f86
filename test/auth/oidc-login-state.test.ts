import { describe, expect, it } from 'vitest'
import { cookieSessions, type OidcSession, oidcLogin, safeReturnTo } from '../../src/auth/index.js'
import { TransactionSigner } from '../../src/auth/oidc/transaction.js'
import { BadRequest, ConfigurationError } from '../../src/errors/index.js'
import { MemoryStore } from '../../src/stores/index.js'

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!!'
const transaction = { state: 's', nonce: 'n', verifier: 'v', returnTo: '/x', expiresAt: 1_000 }

describe('the login state cookie', () => {
  it('opens what it sealed, before its expiry', async () => {
    const signer = new TransactionSigner(SECRET)
    expect(await signer.open(await signer.seal(transaction), 999)).toEqual(transaction)
  })

  it('refuses it at and after its expiry with 400', async () => {
    const signer = new TransactionSigner(SECRET)
    await expect(signer.open(await signer.seal(transaction), 1_000)).rejects.toThrow(/took too long/)
  })

  it('refuses a value sealed under another secret', async () => {
    const sealed = await new TransactionSigner(`${SECRET}-other`).seal(transaction)
    await expect(new TransactionSigner(SECRET).open(sealed, 0)).rejects.toThrow(/not genuine/)
  })

  it('refuses a payload changed under a kept signature', async () => {
    const signer = new TransactionSigner(SECRET)
    const sealed = await signer.seal(transaction)
    const other = await signer.seal({ ...transaction, returnTo: '/elsewhere' })
    const spliced = other.slice(0, -43) + sealed.slice(-43)
    await expect(signer.open(spliced, 0)).rejects.toBeInstanceOf(BadRequest)
  })

  it('refuses an oversized value without computing anything', async () => {
    await expect(new TransactionSigner(SECRET).open('A'.repeat(5000), 0)).rejects.toThrow(/malformed/)
  })

  it('needs a secret of at least 32 bytes', () => {
    expect(() => new TransactionSigner('short')).toThrow(ConfigurationError)
  })
})

describe('safeReturnTo', () => {
  it('keeps a path on this site with its query and fragment', () => {
    expect(safeReturnTo('/a/b?c=d#e')).toBe('/a/b?c=d#e')
    expect(safeReturnTo(undefined)).toBe('/')
  })

  it('refuses everything that could leave the site', () => {
    for (const value of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'evil',
      '/\tx',
      `/${'a'.repeat(600)}`,
    ]) {
      expect(() => safeReturnTo(value), value).toThrow(BadRequest)
    }
  })
})

describe('oidcLogin settings', () => {
  const sessions = cookieSessions<OidcSession>({ store: new MemoryStore() })
  const base = {
    issuer: 'https://id.example',
    clientId: 'app',
    redirectUri: 'https://app.example/auth/callback',
    sessions,
    secret: SECRET,
  }

  it('exposes the callback path from the redirect URI', () => {
    expect(oidcLogin(base).callbackPath).toBe('/auth/callback')
  })

  it('refuses plain http unless allowInsecureRequests says local development', () => {
    expect(() => oidcLogin({ ...base, issuer: 'http://id.example' })).toThrow(/must be https/)
    expect(() => oidcLogin({ ...base, redirectUri: 'http://app.example/cb' })).toThrow(/must be https/)
    expect(
      oidcLogin({ ...base, issuer: 'http://127.0.0.1:9000', allowInsecureRequests: true }).callbackPath,
    ).toBe('/auth/callback')
  })

  it('refuses scopes without openid, the none and HS algorithms, and a short secret', () => {
    expect(() => oidcLogin({ ...base, scopes: ['email'] })).toThrow(/openid/)
    expect(() => oidcLogin({ ...base, algorithms: ['none'] })).toThrow(/none or HS/)
    expect(() => oidcLogin({ ...base, algorithms: ['HS256'] })).toThrow(/none or HS/)
    expect(() => oidcLogin({ ...base, secret: 'x' })).toThrow(/32 bytes/)
  })
})
