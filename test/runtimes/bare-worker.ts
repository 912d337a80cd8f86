// The plain worker of the http-features example, without `cloudflareFetch`: it shows what the
// edge (miniflare's emulation of it) does to answers without content.
import { app } from '../../examples/http-features.js'

export default { fetch: app.fetch }
