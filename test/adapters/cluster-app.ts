/**
 * Entry script for the cluster test: serves a small app with `workers` processes on a free port
 * and prints `{"url":…}` once every worker listens. Not a test file; test/adapters/cluster.integration.test.ts runs it.
 */
import cluster from 'node:cluster'
import { RestApplication } from 'restmachine'
import { serve } from 'restmachine/node'

const app = new RestApplication().onStartup('startedIn', () => process.pid)
app.get('/pid', ({ startedIn }) => ({ pid: process.pid, startedIn }))
app.get('/slow', async () => {
  await new Promise((resolve) => setTimeout(resolve, 600))
  return { pid: process.pid, slow: true }
})
if (process.env.BROKEN === '1') app.get('/broken', (({ missing }: { missing: unknown }) => missing) as never)
app.onShutdown(() => {
  process.stdout.write(`shutdown hook ran in ${process.pid}\n`)
})

const running = await serve(app, {
  port: 0,
  workers: Number(process.env.WORKERS ?? 2),
  shutdownTimeout: 5_000,
})
if ('workerPids' in running) {
  process.stdout.write(`${JSON.stringify({ url: running.url, pids: running.workerPids() })}\n`)
  // After each worker's exit, how many remain (read by the overlapping-restart test).
  cluster.on('exit', () => process.stdout.write(`workers after an exit: ${running.workerPids().length}\n`))
}
