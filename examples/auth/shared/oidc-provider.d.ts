// The few parts of oidc-provider (which ships no types) that the local provider uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export interface JWKS {
    keys: Record<string, unknown>[]
  }
  export interface Account {
    accountId: string
    claims(): Record<string, unknown> | Promise<Record<string, unknown>>
  }
  export type Configuration = Record<string, unknown> & {
    findAccount?: (context: unknown, id: string) => Account | undefined | Promise<Account | undefined>
  }
  export default class Provider {
    constructor(issuer: string, configuration?: Configuration)
    readonly issuer: string
    callback(): (request: IncomingMessage, response: ServerResponse) => void
  }
}
