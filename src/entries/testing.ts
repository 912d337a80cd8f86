/** `restmachine/testing`: run requests against an application in memory. */
export * from '../testing/index.js'
