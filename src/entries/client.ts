/** `restmachine/client`: a typed client of an application, on any Fetch runtime (no Node imports). */
export * from '../client/index.js'
