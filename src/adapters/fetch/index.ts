export { type FetchConnectionInfo, fromWebRequest, handleFetch, toWebResponse } from '../../app/web-fetch.js'
