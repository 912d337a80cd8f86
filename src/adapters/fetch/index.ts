export { type FetchConnectionInfo, fromWebRequest, handleFetch, toWebResponse } from '../../app/index.js'
export { cloudflareFetch } from './cloudflare-fetch.js'
