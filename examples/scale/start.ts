/**
 * One command for the horizontally scaled deployment: N instances of the auth-complete example
 * behind nginx, sharing Redis.
 *
 *   npx tsx examples/scale/start.ts          # INSTANCES=2 PORT=8080 REDIS_URL=redis://127.0.0.1:6379
 *   curl -i localhost:8080/profile           # X-Upstream says which instance answered
 *
 * JWT_SECRET_KEY is shared by every instance (random for this run when unset). Ctrl-C stops nginx
 * and drains the instances.
 */
import { startTopology } from './topology.js'

const topology = await startTopology({
  instances: Number(process.env.INSTANCES ?? 2),
  port: Number(process.env.PORT ?? 8080),
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  redisPrefix: process.env.REDIS_PREFIX,
  jwtSecret: process.env.JWT_SECRET_KEY,
  app: process.env.APP,
})
console.log(
  `${topology.instances.length} instances (ports ${topology.instances.map((i) => i.port).join(', ')}) behind nginx at ${topology.url}`,
)
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    topology.stop().then(() => process.exit(0))
  })
}
