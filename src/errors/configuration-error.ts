/**
 * Thrown at registration or start-up for a mistake in how the application is put together
 * (an unknown dependency name, a cycle, a function whose needs cannot be read). Its message names
 * the fix. It is never caused by a request.
 *
 * @example
 * try { await app.start() } catch (e) { if (e instanceof ConfigurationError) console.error(e.message) }
 */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigurationError'
  }
}
