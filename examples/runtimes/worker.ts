/**
 * The http-features example as a Cloudflare Workers module worker (workerd; docs/deploy.md).
 * Startup values are created on the first request.
 *
 *   npx wrangler deploy examples/runtimes/worker.ts   # wrangler bundles it; no nodejs_compat needed
 */
import { app } from '../http-features.js'

export default { fetch: app.fetch }
