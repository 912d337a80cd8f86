import type { RestRequest } from './rest-request.js'

/** The header a request id is read from (when trusted) and echoed in, unless configured otherwise. */
export const DEFAULT_REQUEST_ID_HEADER = 'x-request-id'

/** The longest incoming request id accepted; a longer one is replaced by a generated id. */
export const MAX_REQUEST_ID_LENGTH = 128

/**
 * Whether an incoming request id is accepted at all: 1 to 128 characters of `A-Z a-z 0-9 . _ : -`.
 * Nothing else can reach a log line or a response header, so a client cannot forge log lines,
 * split headers or fill the logs through the id (UUIDs, ULIDs, AWS and W3C trace ids all fit).
 */
export function isAcceptableRequestId(value: string): boolean {
  return value.length > 0 && value.length <= MAX_REQUEST_ID_LENGTH && REQUEST_ID_CHARS.test(value)
}

const REQUEST_ID_CHARS = /^[A-Za-z0-9._:-]+$/

/**
 * Decides whether to take the id a client or proxy sent: `true` trusts any acceptable id, a
 * function trusts the ones it returns `true` for (a shape check, a known proxy's address).
 */
export type RequestIdTrust = boolean | ((id: string, request: RestRequest) => boolean)

/** How an application finds each request's id. */
export interface RequestIdPolicy {
  /** The header read (when trusted) and echoed, lower-case. */
  readonly header: string
  readonly trust: RequestIdTrust
}

/**
 * The id of one request: the incoming header's value when the policy trusts it and it is
 * acceptable ({@link isAcceptableRequestId}); else the id the platform gave the request (a Lambda
 * request id), if acceptable; else a fresh `crypto.randomUUID()`.
 *
 * @example
 * requestIdOf(request, { header: 'x-request-id', trust: true }) // the client's id, or a new UUID
 */
export function requestIdOf(request: RestRequest, policy: RequestIdPolicy): string {
  const trust = policy.trust
  if (trust !== false) {
    const incoming = request.headers.get(policy.header)
    if (
      incoming !== null &&
      isAcceptableRequestId(incoming) &&
      (trust === true || trust(incoming, request))
    ) {
      return incoming
    }
  }
  const platform = request.requestId
  if (platform !== undefined && isAcceptableRequestId(platform)) return platform
  return crypto.randomUUID()
}
