/**
 * Fastify 5 serving the route set of `bench/scale/routes.ts` (SCALE_ROUTES routes, default 10000),
 * no logger: a static route answers `{ route }`, a parameterized one `{ route, id }`.
 *
 *   SCALE_ROUTES=10000 PORT=3000 npx tsx bench/scale/servers/fastify.ts
 */
import Fastify from 'fastify'
import { listenOptions, readyLine } from '../../listen.js'
import { routeSet } from '../routes.js'

const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 })
for (const route of routeSet(Number(process.env.SCALE_ROUTES ?? 10000))) {
  const body = { route: route.index }
  if (route.template === route.hit) app.get(route.fastify, async () => body)
  else
    app.get<{ Params: { id: string } }>(route.fastify, async (request) => ({
      route: route.index,
      id: request.params.id,
    }))
}
app.post('/body', async (request) => ({ keys: Object.keys(request.body as object).length }))
const { port, host } = listenOptions()
await app.listen({ port, host })
console.log(readyLine(port))
