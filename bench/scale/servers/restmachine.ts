/**
 * RestMachine serving the route set of `bench/scale/routes.ts` (SCALE_ROUTES routes, default 10000)
 * with public APIs only: a static route answers `{ route }`, a parameterized one `{ route, id }`.
 *
 *   SCALE_ROUTES=10000 PORT=3000 npx tsx bench/scale/servers/restmachine.ts
 */

import { serve } from '../../../src/adapters/node/index.js'
import { RestApplication } from '../../../src/index.js'
import { listenOptions, readyLine } from '../../listen.js'
import { routeSet } from '../routes.js'

const app = new RestApplication({ bodyLimit: 2 * 1024 * 1024 })
for (const route of routeSet(Number(process.env.SCALE_ROUTES ?? 10000))) {
  const body = { route: route.index }
  if (route.template === route.hit) app.get(route.template, () => body)
  else
    app.get(route.template, ({ pathParams }) => ({
      route: route.index,
      // the template is a runtime string, so its parameter names are not known to the type
      id: (pathParams as Readonly<Record<string, string>>).id,
    }))
}
app.post('/body', ({ jsonBody }) => ({ keys: Object.keys(jsonBody as object).length }))
const { port, host } = listenOptions()
const server = await serve(app, { port, hostname: host })
console.log(readyLine(server.port))
