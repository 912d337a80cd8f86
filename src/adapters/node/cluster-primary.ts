import cluster, { type Worker } from 'node:cluster'
import type { AddressInfo } from 'node:net'
import type { ServeOptions } from './serve-options.js'

/** A cluster primary supervising worker processes that share one port. */
export interface RunningCluster {
  /** The shared port. */
  readonly port: number
  /** `http://host:port` or `https://host:port`. */
  readonly url: string
  /** The process ids of the current workers. */
  workerPids(): number[]
  /** Replaces the workers one at a time, each new one listening before its predecessor drains. */
  restart(): Promise<void>
  /** Drains every worker (in-flight requests finish, shutdown hooks run), then resolves. */
  close(): Promise<void>
}

const SHUTDOWN_MESSAGE = 'restmachine:shutdown'
const RESPAWN_DELAY_MS = 1000

/**
 * Runs the cluster primary for `serve(app, { workers })`: forks the workers (each runs the same
 * entry script, so each calls `serve()` and creates its own startup values), replaces any that
 * crash, replaces them all one by one on SIGHUP, and drains them on SIGTERM/SIGINT before exiting.
 */
export async function runPrimary(options: ServeOptions): Promise<RunningCluster> {
  const count = Math.max(1, Math.floor(options.workers ?? 1))
  const workers = new Set<Worker>()
  const retiring = new Set<Worker>()
  let closing: Promise<void> | undefined
  let address: AddressInfo | undefined
  // Until every first worker listens, a failing worker is a start-up error, not a crash to repair.
  let started = false

  const fork = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork()
      workers.add(worker)
      const onExit = (code: number | null) =>
        reject(new Error(`worker ${worker.process.pid} exited (${code}) before listening`))
      worker.once('exit', onExit)
      worker.once('listening', (where: AddressInfo) => {
        worker.off('exit', onExit)
        address ??= where
        resolve(worker)
      })
      worker.once('exit', () => {
        workers.delete(worker)
        const crashed = !retiring.delete(worker)
        if (crashed && started && closing === undefined) {
          console.error(`[restmachine] worker ${worker.process.pid} died; starting a replacement`)
          setTimeout(() => {
            if (closing === undefined) fork().catch((error: unknown) => console.error('[restmachine]', error))
          }, RESPAWN_DELAY_MS).unref()
        }
      })
    })

  const retirements = new Map<Worker, Promise<void>>()
  const retire = (worker: Worker): Promise<void> => {
    const pending = retirements.get(worker)
    if (pending !== undefined) return pending
    const retired = new Promise<void>((resolve) => {
      if (worker.isDead()) return resolve()
      retiring.add(worker)
      // A worker that cannot drain within its own timeout (plus a margin) is killed.
      const deadline = setTimeout(() => worker.kill('SIGKILL'), (options.shutdownTimeout ?? 10_000) + 5_000)
      worker.once('exit', () => {
        clearTimeout(deadline)
        retirements.delete(worker)
        resolve()
      })
      if (!worker.isConnected()) return // already leaving: its exit resolves this
      // The worker drains (keep-alive off, in-flight requests finish, shutdown hooks run), then exits.
      worker.send(SHUTDOWN_MESSAGE)
      // Stop routing connections to it before it stops accepting. Under round-robin scheduling this
      // process accepts every connection and hands it to a worker over IPC; it only stops choosing a
      // worker once it has read that worker's own "server closed" message. A worker that closed and
      // exited within that window (a millisecond when idle) never read the connections handed to it
      // meanwhile, and the copy kept here stayed open: the client waited for an answer that never came
      // (seen in the rolling-restart test: a handoff sent after SHUTDOWN, never answered, the client
      // timed out). `disconnect()` takes the worker out of the rotation here, synchronously; whatever
      // was handed over before it reaches the worker ahead of SHUTDOWN (IPC is ordered), so is served.
      // RFC 9112 §9.6 lets a server close an idle connection, but one it accepted must not be left
      // without an answer or a close. The worker then closes its server itself and IPC disconnects.
      worker.disconnect()
    })
    retirements.set(worker, retired)
    return retired
  }

  await Promise.all(Array.from({ length: count }, fork))
  started = true

  const replaceEach = async () => {
    for (const old of [...workers]) {
      if (closing !== undefined) return
      await fork()
      await retire(old)
    }
  }
  // One rolling restart at a time. A second SIGHUP while one runs used to start a second loop over
  // the workers of that moment, new ones included, so each overlap left more workers than asked for;
  // now it asks for one more pass once the running one ends (the workers it forked may predate a deploy).
  let restarting: Promise<void> | undefined
  let again = false
  const restart = (): Promise<void> => {
    if (restarting !== undefined) {
      again = true
      return restarting
    }
    restarting = (async () => {
      do {
        again = false
        await replaceEach()
      } while (again && closing === undefined)
    })().finally(() => {
      restarting = undefined
    })
    return restarting
  }
  const close = () => {
    closing ??= Promise.all([...workers].map(retire)).then(() => undefined)
    return closing
  }

  if (options.handleSignals ?? true) {
    const onStop = () => {
      close().then(() => process.exit(0))
    }
    process.once('SIGTERM', onStop)
    process.once('SIGINT', onStop)
    process.on('SIGHUP', () => {
      restart().catch((error: unknown) => console.error('[restmachine] rolling restart failed', error))
    })
  }

  const where = address as AddressInfo
  const host = where.address === undefined || where.address === null ? '127.0.0.1' : where.address
  const scheme = options.tls === undefined ? 'http' : 'https'
  return {
    port: where.port,
    url: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${where.port}`,
    workerPids: () => [...workers].map((w) => w.process.pid ?? 0),
    restart,
    close,
  }
}
