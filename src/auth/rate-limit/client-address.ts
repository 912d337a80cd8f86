import type { RestRequest } from '../../http/index.js'

/**
 * Options of {@link clientAddress}.
 *
 * @example
 * clientAddress(request, { trustProxy: 1, ipv6Prefix: 64 })
 */
export interface ClientAddressOptions {
  /**
   * How many proxies in front of the app append to `X-Forwarded-For` (`true` = 1). Without it the
   * header is ignored: any client can write anything into it, so trusting it by default would let an
   * attacker pick a fresh rate-limit bucket for every request.
   */
  trustProxy?: boolean | number
  /** IPv6 clients are grouped by this prefix length (default 64: one subscriber's network). */
  ipv6Prefix?: number
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

/**
 * The client's identity for rate limiting: the socket's address, or — only with `trustProxy` — the
 * address the nearest trusted proxy saw (counting `trustProxy` entries from the right of
 * `X-Forwarded-For`). IPv4-mapped IPv6 becomes IPv4; IPv6 is cut to its /64 (an attacker usually
 * owns a whole /64). `unknown` when the runtime does not tell.
 *
 * @example
 * clientAddress(request) // '203.0.113.7'
 * clientAddress(request, { trustProxy: 1 }) // the last X-Forwarded-For entry
 */
export function clientAddress(request: RestRequest, options: ClientAddressOptions = {}): string {
  const hops =
    options.trustProxy === true ? 1 : typeof options.trustProxy === 'number' ? options.trustProxy : 0
  let address = request.remoteAddress
  if (hops > 0) {
    const forwarded = request.headers
      .getAll('x-forwarded-for')
      .flatMap((line) => line.split(','))
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
    const candidate = forwarded[Math.max(0, forwarded.length - hops)]
    if (candidate !== undefined && normaliseAddress(candidate, 128) !== undefined) address = candidate
  }
  if (address === undefined || address === '') return 'unknown'
  return normaliseAddress(address, options.ipv6Prefix ?? 64) ?? address.toLowerCase()
}

/**
 * A canonical form of an IP address (IPv6 cut to `prefix` bits), or `undefined` if it is none.
 *
 * @example
 * normaliseAddress('::ffff:10.0.0.1', 64) // '10.0.0.1'
 * normaliseAddress('2001:db8::1', 64) // '2001:db8:0:0::/64'
 */
export function normaliseAddress(address: string, prefix: number): string | undefined {
  const value = address.trim()
  if (IPV4.test(value)) return value
  const groups = expandIpv6(value)
  if (groups === undefined) return undefined
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `${groups[6] >> 8}.${groups[6] & 255}.${groups[7] >> 8}.${groups[7] & 255}`
  }
  if (prefix >= 128) return groups.map((g) => g.toString(16)).join(':')
  const kept = Math.ceil(prefix / 16)
  const masked = groups.slice(0, kept).map((g, i) => {
    const bits = Math.min(16, prefix - i * 16)
    return g & ((0xffff << (16 - bits)) & 0xffff)
  })
  return `${masked.map((g) => g.toString(16)).join(':')}::/${prefix}`
}

/** The eight 16-bit groups of an IPv6 address (RFC 4291 §2.2). */
type Ipv6Groups = [number, number, number, number, number, number, number, number]

function expandIpv6(value: string): Ipv6Groups | undefined {
  let text = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value
  const zone = text.indexOf('%')
  if (zone !== -1) text = text.slice(0, zone)
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return undefined
  const lastColon = text.lastIndexOf(':')
  const last = text.slice(lastColon + 1)
  if (last.includes('.')) {
    // An embedded IPv4 tail (RFC 4291 §2.2 form 3) becomes its two 16-bit groups.
    if (!IPV4.test(last)) return undefined
    const [a, b, c, d] = last.split('.').map(Number) as [number, number, number, number]
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  // `text` is not empty (the character test above), so split gives at least one part.
  const [before = '', after, ...more] = text.split('::')
  if (more.length > 0) return undefined
  const parse = (part: string) => (part === '' ? [] : part.split(':'))
  const head = parse(before)
  const rest = after === undefined ? [] : parse(after)
  const total = head.length + rest.length
  if (after === undefined ? total !== 8 : total > 7) return undefined
  const toNumber = (group: string) =>
    /^[0-9a-fA-F]{1,4}$/.test(group) ? Number.parseInt(group, 16) : Number.NaN
  const groups = [...head.map(toNumber), ...new Array<number>(8 - total).fill(0), ...rest.map(toNumber)]
  return isIpv6Groups(groups) ? groups : undefined
}

function isIpv6Groups(groups: number[]): groups is Ipv6Groups {
  return groups.length === 8 && groups.every((g) => Number.isInteger(g))
}
