/**
 * Captures what RestMachine's default logger (`console`) reports during one test, so a test that
 * makes the server fail on purpose asserts on the log instead of printing it. Restored when the
 * test finishes.
 *
 * @example
 * const logged = captureConsole('error')
 * await client.get('/boom')
 * expect(logged[0]?.[0]).toMatch(/^\[restmachine\] request \S+ failed: GET \/boom$/)
 */
import { onTestFinished, vi } from 'vitest'

/** The arguments of each `console[method]` call made during the current test, printed nowhere. */
export function captureConsole(method: 'error' | 'warn'): unknown[][] {
  const spy = vi.spyOn(console, method).mockImplementation(() => undefined)
  onTestFinished(() => spy.mockRestore())
  return spy.mock.calls
}
