import { ConfigurationError } from '../errors/index.js'

/** The default number of recent requests the viewer keeps. */
export const DEFAULT_TRACE_LIMIT = 50
/** The most requests the viewer may be asked to keep (each record is a few kilobytes at most). */
export const MAX_TRACE_LIMIT = 1000

/**
 * How `app.traceViewer()` is set up. The viewer is a development tool: it is off unless asked for,
 * refuses to start with `NODE_ENV=production` unless `force` is set, and answers only loopback
 * clients unless `allowRemote` says otherwise.
 */
export interface TraceViewerOptions {
  /** Where the page is served (default `/_restmachine`); its recent traces are at `{path}/traces.json`. */
  path?: string
  /** How many recent requests are kept, newest first (default 50, at most 1000). */
  limit?: number
  /** Start even when `NODE_ENV` is `production`. */
  force?: boolean
  /**
   * Who besides loopback clients may see the viewer: `true` for anyone (including requests relayed by
   * a proxy), or a list of client addresses (the socket's, `request.remoteAddress`). Default: nobody.
   */
  allowRemote?: boolean | readonly string[]
}

/** The options checked and completed at start. */
export interface ViewerSettings {
  readonly path: string
  readonly limit: number
  /** `true`: anyone; a set: those socket addresses besides loopback; `false`: loopback only. */
  readonly allowRemote: boolean | ReadonlySet<string>
}

const PATH = /^(\/[A-Za-z0-9._~-]+)+$/

/**
 * Checks the viewer's options at start and fills in the defaults. Throws a `ConfigurationError`
 * when `environment` (the process's `NODE_ENV`) is `production` and `force` is not set, and for a
 * path, limit or allow-list that cannot be right.
 *
 * @example
 * readViewerOptions({ path: '/_restmachine' }, 'development') // { path: '/_restmachine', limit: 50, allowRemote: false }
 */
export function readViewerOptions(
  options: TraceViewerOptions,
  environment: string | undefined,
): ViewerSettings {
  if (environment === 'production' && options.force !== true) {
    throw new ConfigurationError(
      "traceViewer: refusing to start with NODE_ENV=production; it shows every request's path and dependencies. Pass { force: true } to start it anyway",
    )
  }
  const path = options.path ?? '/_restmachine'
  if (!PATH.test(path)) {
    throw new ConfigurationError(
      `traceViewer: path must be absolute, without a trailing slash, of unreserved characters only (got ${JSON.stringify(path)})`,
    )
  }
  const limit = options.limit ?? DEFAULT_TRACE_LIMIT
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TRACE_LIMIT) {
    throw new ConfigurationError(
      `traceViewer: limit must be an integer from 1 to ${MAX_TRACE_LIMIT} (got ${limit})`,
    )
  }
  return { path, limit, allowRemote: readAllowRemote(options.allowRemote) }
}

function readAllowRemote(option: TraceViewerOptions['allowRemote']): boolean | ReadonlySet<string> {
  if (option === undefined || typeof option === 'boolean') return option === true
  if (!Array.isArray(option) || option.some((address) => typeof address !== 'string' || address === '')) {
    throw new ConfigurationError('traceViewer: allowRemote must be true, false or a list of client addresses')
  }
  return new Set(option.map(normalizeAddress))
}

/** An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) as the IPv4 address it is; others lower-cased. */
export function normalizeAddress(address: string): string {
  const lower = address.toLowerCase()
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower
}

/**
 * The process's `NODE_ENV`, read without Node's types (the core runs on every Fetch runtime; where
 * there is no `process`, there is no environment to refuse).
 */
export function nodeEnvironment(): string | undefined {
  const global = globalThis as { process?: { env?: Record<string, string | undefined> } }
  return global.process?.env?.NODE_ENV
}
