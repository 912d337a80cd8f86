/**
 * Set-up of the `unit` vitest project: a tripwire that makes the in-memory tests stay in memory.
 *
 * Opening a socket (a server's `listen`, a client's `connect`, hence also `fetch` and Redis
 * clients) or starting a child process throws, with a message that says where such a test
 * belongs. test/unit-project.test.ts checks the imports statically; this catches what an import
 * check cannot see (a helper in examples/ or src/ that connects, a global `fetch`).
 *
 * @example
 * // vitest.config.ts, project `unit`
 * setupFiles: ['test/support/unit-setup.ts']
 */
import childProcess, { ChildProcess } from 'node:child_process'
import { syncBuiltinESMExports } from 'node:module'
import net from 'node:net'

const ARMED = Symbol.for('restmachine.unit-tripwire')

/** The error a unit test gets when it reaches outside the process. */
export function outsideTheProcess(what: string): Error {
  return new Error(
    `${what} in a unit test: unit tests run in memory. Name the file *.integration.test.ts ` +
      '(docs/decisions/0301-unit-and-integration-projects.md).',
  )
}

function arm(): void {
  const registry = globalThis as { [ARMED]?: true }
  if (registry[ARMED]) return
  registry[ARMED] = true
  net.Server.prototype.listen = function listen(): never {
    throw outsideTheProcess('Listening on a socket')
  }
  net.Socket.prototype.connect = function connect(): never {
    throw outsideTheProcess('Opening a socket')
  }
  // spawn, exec and fork all start through this (undeclared) method.
  Object.assign(ChildProcess.prototype, {
    spawn(): never {
      throw outsideTheProcess('Starting a child process')
    },
  })
  for (const name of ['spawnSync', 'execSync', 'execFileSync'] as const) {
    Object.assign(childProcess, {
      [name]: () => {
        throw outsideTheProcess('Starting a child process')
      },
    })
  }
  // Named imports of node:child_process see the replaced functions too.
  syncBuiltinESMExports()
}

arm()
