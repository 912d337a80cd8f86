/**
 * Security response headers with defaults for APIs, and a Content Security Policy (CSP Level 3) that
 * can carry a per-response nonce. Options are compiled once per options object; treat them as frozen.
 */

import { isFieldValue } from './field-syntax.js'

/**
 * CSP directives by name, kebab-case (`'script-src'`) or camelCase (`scriptSrc`): a list of source
 * expressions (array or space-separated string), `true` for a directive without value
 * (`upgrade-insecure-requests`), `false` or `undefined` to leave it out. The source `'nonce'` stands
 * for the response's nonce and is sent as `'nonce-<value>'`.
 *
 * @example
 * const policy: CspDirectives = { defaultSrc: ["'self'"], scriptSrc: ["'nonce'"], upgradeInsecureRequests: true }
 */
export type CspDirectives = Readonly<Record<string, string | readonly string[] | boolean | undefined>>

/**
 * `Strict-Transport-Security` settings (RFC 6797 §6.1).
 *
 * @example
 * const hsts: StrictTransportSecurityOptions = { maxAge: 63_072_000, includeSubDomains: true, preload: true }
 */
export interface StrictTransportSecurityOptions {
  /** Seconds the browser must use HTTPS only. */
  maxAge: number
  /** Whether subdomains are covered too. */
  includeSubDomains?: boolean
  /** Asks for inclusion in browsers' preload lists; needs includeSubDomains and maxAge ≥ 1 year. */
  preload?: boolean
}

/**
 * Which security headers to send; `false` turns one off, a string sends that exact value.
 *
 * @example
 * const options: SecurityHeadersOptions = { frameOptions: false, strictTransportSecurity: true }
 */
export interface SecurityHeadersOptions {
  /** `X-Content-Type-Options` (Fetch §3.5); default `nosniff`. */
  contentTypeOptions?: 'nosniff' | false
  /** `Referrer-Policy`; default `no-referrer`. */
  referrerPolicy?: string | false
  /** `X-Frame-Options` (RFC 7034), for browsers without `frame-ancestors`; default `DENY`. */
  frameOptions?: 'DENY' | 'SAMEORIGIN' | false
  /** `Cross-Origin-Opener-Policy` (WHATWG HTML §7.1.3); default `same-origin`. */
  crossOriginOpenerPolicy?: string | false
  /** `Cross-Origin-Resource-Policy` (Fetch §3.7); default `same-origin`. */
  crossOriginResourcePolicy?: 'same-origin' | 'same-site' | 'cross-origin' | false
  /** `Cross-Origin-Embedder-Policy`; off by default. */
  crossOriginEmbedderPolicy?: string | false
  /**
   * `Strict-Transport-Security` (RFC 6797); off by default because it must only be sent over HTTPS.
   * `true` means one year with subdomains.
   */
  strictTransportSecurity?: StrictTransportSecurityOptions | string | boolean
  /** `Content-Security-Policy` (CSP3); default {@link defaultCspDirectives}. Replaces, not merges. */
  contentSecurityPolicy?: CspDirectives | string | false
  /** `Content-Security-Policy-Report-Only`, to try a policy out; off by default. */
  contentSecurityPolicyReportOnly?: CspDirectives | string | false
}

/**
 * The default policy for APIs: load nothing, be framed by no one.
 *
 * @example
 * securityHeaders({ contentSecurityPolicy: { ...defaultCspDirectives, 'img-src': ["'self'"] } })
 */
export const defaultCspDirectives: CspDirectives = Object.freeze({
  'default-src': ["'none'"],
  'frame-ancestors': ["'none'"],
})

const NONCE_TOKEN = "'nonce'"
const ONE_YEAR = 31_536_000
// CSP3 §2.3.1: base64-value = 1*( ALPHA / DIGIT / "+" / "/" / "-" / "_" )*2( "=" )
const BASE64_VALUE = /^[A-Za-z0-9+/_-]+={0,2}$/

/** A policy split around its nonce tokens; `withoutNonce` drops them (no nonce → no script runs). */
interface PolicyTemplate {
  readonly parts: readonly string[]
  readonly withoutNonce: string
}

interface Compiled {
  readonly fixed: Readonly<Record<string, string>>
  readonly policies: readonly (readonly [string, PolicyTemplate])[]
}

const cache = new WeakMap<SecurityHeadersOptions, Compiled>()

/**
 * The security headers for a response, with lower-case names. Defaults suit APIs: `nosniff`,
 * `no-referrer`, framing denied, same-origin opener and resource policies, and the CSP
 * `default-src 'none'; frame-ancestors 'none'`. Throws a TypeError on invalid options (call it once at
 * start-up to check them) or an invalid nonce.
 *
 * @example
 * const nonce = createNonce()
 * securityHeaders({ contentSecurityPolicy: { 'script-src': ["'nonce'"] } }, { nonce })
 * // { 'content-security-policy': "script-src 'nonce-…'", 'x-content-type-options': 'nosniff', … }
 * @internal
 */
export function securityHeaders(
  options: SecurityHeadersOptions = {},
  { nonce }: { nonce?: string | undefined } = {},
): Record<string, string> {
  let compiled = cache.get(options)
  if (compiled === undefined) {
    compiled = compile(options)
    cache.set(options, compiled)
  }
  if (nonce !== undefined && !BASE64_VALUE.test(nonce)) throw new TypeError('CSP nonce must be base64')
  const headers = { ...compiled.fixed }
  for (const [name, policy] of compiled.policies) {
    headers[name] = nonce === undefined ? policy.withoutNonce : policy.parts.join(`'nonce-${nonce}'`)
  }
  return headers
}

/**
 * Whether the options' policies use the `'nonce'` source, so a nonce is worth creating per response.
 *
 * @example
 * usesNonce({ contentSecurityPolicy: "script-src 'nonce'" }) // true
 * @internal
 */
export function usesNonce(options: SecurityHeadersOptions = {}): boolean {
  securityHeaders(options) // compiles and caches
  return (cache.get(options) as Compiled).policies.some(([, policy]) => policy.parts.length > 1)
}

/**
 * A fresh CSP nonce: 128 random bits from `crypto.getRandomValues`, base64-encoded (CSP3 §7.1 asks
 * for at least 128 bits, unguessable and new for every response).
 *
 * @example
 * createNonce() // 'k9Vq3m4cR0b6m7D1yq8x2w=='
 */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let binary = ''
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number)
  return btoa(binary)
}

function compile(options: SecurityHeadersOptions): Compiled {
  const fixed: Record<string, string> = {}
  const set = (name: string, value: string | false | undefined, fallback: string | false) => {
    const chosen = value === undefined ? fallback : value
    if (chosen !== false) fixed[name] = checkValue(name, chosen)
  }
  set('x-content-type-options', options.contentTypeOptions, 'nosniff')
  set('referrer-policy', options.referrerPolicy, 'no-referrer')
  set('x-frame-options', options.frameOptions, 'DENY')
  set('cross-origin-opener-policy', options.crossOriginOpenerPolicy, 'same-origin')
  set('cross-origin-resource-policy', options.crossOriginResourcePolicy, 'same-origin')
  set('cross-origin-embedder-policy', options.crossOriginEmbedderPolicy, false)
  set('strict-transport-security', hsts(options.strictTransportSecurity), false)
  const policies: [string, PolicyTemplate][] = []
  const csp = options.contentSecurityPolicy ?? defaultCspDirectives
  if (csp !== false) policies.push(['content-security-policy', template(csp)])
  const reportOnly = options.contentSecurityPolicyReportOnly ?? false
  if (reportOnly !== false) policies.push(['content-security-policy-report-only', template(reportOnly)])
  return { fixed, policies }
}

function hsts(option: SecurityHeadersOptions['strictTransportSecurity']): string | false {
  if (option === undefined || option === false) return false
  if (typeof option === 'string') return option
  const { maxAge, includeSubDomains = false, preload = false } = option === true ? defaultHsts : option
  if (!Number.isSafeInteger(maxAge) || maxAge < 0) {
    throw new TypeError(`strictTransportSecurity.maxAge must be a whole number of seconds, got ${maxAge}`)
  }
  if (preload && (!includeSubDomains || maxAge < ONE_YEAR)) {
    throw new TypeError(
      'strictTransportSecurity.preload needs includeSubDomains and a maxAge of a year or more',
    )
  }
  // RFC 6797 §6.1: directives separated by ";"; "preload" is the preload lists' convention.
  return `max-age=${maxAge}` + (includeSubDomains ? '; includeSubDomains' : '') + (preload ? '; preload' : '')
}

const defaultHsts: StrictTransportSecurityOptions = { maxAge: ONE_YEAR, includeSubDomains: true }

function template(policy: CspDirectives | string): PolicyTemplate {
  const directives = typeof policy === 'string' ? parsePolicy(policy) : fromDirectives(policy)
  const serialize = (keepNonce: boolean) =>
    directives
      .map(([name, sources]) => {
        const kept = keepNonce ? sources : sources.filter((source) => source !== NONCE_TOKEN)
        return kept.length === 0 ? name : name + ' ' + kept.join(' ')
      })
      .join('; ') // CSP3 §2.2.1: serialized-policy joins directives with ";"
  const withoutNonce = checkValue('content-security-policy', serialize(false))
  return { parts: checkValue('content-security-policy', serialize(true)).split(NONCE_TOKEN), withoutNonce }
}

function fromDirectives(directives: CspDirectives): [string, string[]][] {
  const out: [string, string[]][] = []
  for (const key of Object.keys(directives)) {
    const value = directives[key]
    if (value === undefined || value === false) continue
    const name = key.replace(/[A-Z]/g, (letter) => '-' + letter.toLowerCase())
    const sources =
      value === true ? [] : typeof value === 'string' ? splitWords(value) : value.flatMap(splitWords)
    out.push([checkDirective(name, sources), sources])
  }
  return out
}

function parsePolicy(policy: string): [string, string[]][] {
  checkValue('content-security-policy', policy)
  return policy
    .split(';')
    .map((directive) => splitWords(directive))
    .filter((words) => words.length > 0)
    .map(([name, ...sources]) => [name as string, sources])
}

function splitWords(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '')
}

function checkDirective(name: string, sources: readonly string[]): string {
  // CSP3 §2.2.1: directive-name = 1*( ALPHA / DIGIT / "-" ); values exclude ";" and ","
  if (!/^[a-z0-9-]+$/i.test(name)) throw new TypeError(`Invalid CSP directive name: ${JSON.stringify(name)}`)
  for (const source of sources) {
    if (hasCode(source, (code) => code <= 0x20 || code === 0x7f || code === 0x3b || code === 0x2c)) {
      throw new TypeError(`Invalid CSP source in ${name}: ${JSON.stringify(source)}`)
    }
  }
  return name
}

function checkValue(name: string, value: string): string {
  // RFC 9110 §5.5: a field value never holds CR, LF or NUL (header injection), nor any other
  // character outside field-value; checked once here, so responses need not check these fields.
  if (!isFieldValue(value)) throw new TypeError(`Invalid ${name} value: ${JSON.stringify(value)}`)
  return value
}

function hasCode(text: string, test: (code: number) => boolean): boolean {
  for (let i = 0; i < text.length; i++) if (test(text.charCodeAt(i))) return true
  return false
}
