/**
 * Child process that runs autocannon jobs sent over IPC, so the load generator can be pinned to
 * its own core with taskset (started by load.ts; not meant to be run by hand).
 */
import autocannon from 'autocannon'
import type { WorkerJob, WorkerReply } from './load.js'

async function runJob(job: WorkerJob): Promise<WorkerReply> {
  try {
    const result = await autocannon({
      url: job.url,
      connections: job.connections,
      duration: job.duration,
      timeout: 5,
      // each connection cycles through the requests in order
      requests: job.requests.map((r) => ({
        method: r.method as autocannon.Request['method'],
        path: r.path,
        headers: r.headers,
        ...(r.body === undefined ? {} : { body: r.body }),
      })),
    })
    const statusCodes: Record<string, number> = {}
    for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
      statusCodes[code] = stat?.count ?? 0
    }
    const responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx']
    return {
      id: job.id,
      result: {
        requests: responses,
        duration: result.duration,
        p50: result.latency.p50,
        p99: result.latency.p99,
        max: result.latency.max,
        statusCodes,
        errors: result.errors,
        timeouts: result.timeouts,
      },
    }
  } catch (err) {
    return { id: job.id, error: String(err) }
  }
}

process.on('message', (job: WorkerJob) => {
  runJob(job).then((reply) => process.send?.(reply))
})
process.on('disconnect', () => process.exit(0))
