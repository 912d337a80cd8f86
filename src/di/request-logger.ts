/**
 * One logging method, pino's shape: an object of fields and a message, or a message alone.
 *
 * @example
 * log.info({ orderId }, 'order placed')
 */
export interface LogFn {
  (fields: object, message?: string): void
  (message: string): void
}

/**
 * The logger a handler injects as `log`: with a pino logger configured, a child of it bound to this
 * request's id (every line carries `requestId`, redaction applies); without one, `warn` and `error`
 * go to the application's plain `logger` (the console by default) and the other levels are silent.
 *
 * @example
 * app.post('/orders', ({ log, jsonBody }) => { log.info({ items: 3 }, 'order received'); return placeOrder(jsonBody) })
 */
export interface RequestLogger {
  trace: LogFn
  debug: LogFn
  info: LogFn
  warn: LogFn
  error: LogFn
  fatal: LogFn
  /** A logger whose lines also carry `bindings`. */
  child(bindings: Record<string, unknown>): RequestLogger
}
