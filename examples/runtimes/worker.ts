/**
 * The http-features example as a Cloudflare Workers module worker (workerd; docs/deploy.md).
 * `cloudflareFetch` keeps the edge's compression off answers without content (HEAD, 204, 304).
 * Startup values are created on the first request. No `nodejs_compat` flag is needed.
 */
import { cloudflareFetch } from 'restmachine/fetch'
import { app } from '../http-features.js'

export default { fetch: cloudflareFetch(app) }
