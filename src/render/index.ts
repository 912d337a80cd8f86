export { parseJsonContent } from './parse-json.js'
export { fromWebResponse, renderValue } from './render-value.js'
export { Reply, type ReplyInit, respond } from './reply.js'
