export { type FetchConnectionInfo, fromWebRequest, handleFetch, toWebResponse } from '../../app/web-fetch.js'
export { cloudflareFetch } from './cloudflare-fetch.js'
