/** `restmachine/node`: serve an application on `node:http`. */
export * from '../adapters/node/index.js'
